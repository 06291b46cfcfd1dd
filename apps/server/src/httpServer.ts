import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Duplex } from 'node:stream';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { TRPCError } from '@trpc/server';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import type { StatusEngineApi } from '@medianest/status-core';
import type { AppContext, ContextSource } from './context';
import type { FastList } from './fastList';
import { startKeepAlive } from './keepAlive';
import type { AppMetrics } from './metrics';
import type { AppRouter } from './router';
import type { StaticHandler } from './staticFiles';
import type { SubscriptionStreams } from './streams/subscriptionStreams';

/** tRPC lives under this path, over HTTP and WebSocket alike. */
export const TRPC_PATH = '/trpc';

export interface HttpServerOptions {
  router: AppRouter;
  createContext: (source: ContextSource) => AppContext;
  engine: StatusEngineApi;
  metrics: AppMetrics;
  logger: Logger;
  /** The dashboard, when built. */
  staticHandler: StaticHandler | null;
  /**
   * WebSocket ping interval: a connection silent for a whole round is
   * closed (see `keepAlive.ts`).
   */
  keepAliveMs: number;
  /** Serves the router on the WebSocket server. */
  applyWSSHandler: SubscriptionStreams['applyWSSHandler'];
  /** Answers plain `status.list` calls before tRPC; null: tRPC answers all. */
  fastList: FastList | null;
}

export interface HttpServer {
  server: Server;
  wss: WebSocketServer;
  /**
   * Stops accepting, closes every WebSocket with 1001 so clients reconnect
   * elsewhere, and resolves once all connections are gone.
   */
  close(opts?: { graceMs?: number }): Promise<void>;
}

/** One node:http server for tRPC (HTTP + WS), probes, metrics and the dashboard. */
export function createHttpServer(opts: HttpServerOptions): HttpServer {
  const onError = ({ error, path }: { error: TRPCError; path?: string }) => {
    if (error.code !== 'INTERNAL_SERVER_ERROR') return;
    opts.logger.error({ err: error, path }, 'procedure failed');
  };
  const trpc = createHTTPHandler({
    router: opts.router,
    basePath: `${TRPC_PATH}/`,
    createContext: ({ req }) => opts.createContext({ req }),
    onError,
  });

  const server = createServer((req, res) => {
    void route({ req, res, trpc, opts }).catch((error: unknown) => {
      opts.logger.error({ err: error, url: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  opts.applyWSSHandler({
    wss,
    router: opts.router,
    createContext: ({ req, res, info }) =>
      opts.createContext({
        req,
        ws: res,
        connectionParams: info.connectionParams ?? null,
      }),
    onError,
  });
  const stopKeepAlive = startKeepAlive({ wss, pingMs: opts.keepAliveMs });
  server.on('upgrade', (req, socket, head) =>
    upgrade({ req, socket, head, wss }),
  );

  return {
    server,
    wss,
    close: (closeOpts) => {
      stopKeepAlive();
      return closeAll(server, wss, closeOpts);
    },
  };
}

function upgrade(args: {
  req: IncomingMessage;
  socket: Duplex;
  head: Buffer;
  wss: WebSocketServer;
}): void {
  const { req, socket, head, wss } = args;
  if (pathOf(req) !== TRPC_PATH) {
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
}

async function route(args: {
  req: IncomingMessage;
  res: ServerResponse;
  trpc: (req: IncomingMessage, res: ServerResponse) => void;
  opts: HttpServerOptions;
}): Promise<void> {
  const { req, res, trpc, opts } = args;
  const path = pathOf(req);
  const count = (route: string) =>
    res.once('finish', () =>
      opts.metrics.countRequest({ route, code: res.statusCode }),
    );

  if (path === '/healthz') {
    count('healthz');
    return json(res, 200, { status: 'ok' });
  }
  if (path === '/readyz') {
    count('readyz');
    const { mode, source } = opts.engine.health();
    const ready = mode === 'kuma' || mode === 'probe';
    return json(res, ready ? 200 : 503, { ready, mode, source });
  }
  if (path === '/metrics') {
    count('metrics');
    const body = await opts.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': opts.metrics.registry.contentType });
    res.end(body);
    return;
  }
  if (path.startsWith(`${TRPC_PATH}/`)) {
    count('trpc');
    if (opts.fastList && (await opts.fastList.handle(req, res))) return;
    trpc(req, res);
    return;
  }
  count('static');
  if (opts.staticHandler && (await opts.staticHandler(req, res))) return;
  json(res, 404, {
    error: `Nothing at ${path}; the API is under ${TRPC_PATH}/`,
  });
}

function json(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

async function closeAll(
  server: Server,
  wss: WebSocketServer,
  opts: { graceMs?: number } = {},
): Promise<void> {
  const graceMs = opts.graceMs ?? 3_000;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();

  const sockets = [...wss.clients];
  const gone = sockets.map(
    (ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())),
  );
  for (const ws of sockets) ws.close(1001, 'server shutting down');

  const timer = setTimeout(() => {
    for (const ws of wss.clients) ws.terminate();
    server.closeAllConnections();
  }, graceMs);
  timer.unref();
  await Promise.all(gone);
  wss.close();
  server.closeIdleConnections();
  await closed;
  clearTimeout(timer);
}
