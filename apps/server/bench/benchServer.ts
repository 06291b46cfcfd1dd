import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeHeapSnapshot } from 'node:v8';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import {
  applyWSSHandler,
  type CreateWSSContextFnOptions,
} from '@trpc/server/adapters/ws';
import superjson from 'superjson';
import { WebSocketServer } from 'ws';
import { applyFanoutWSSHandler, createFanout } from '../src/fanout';
import { startAppServer } from './appServer';
import { BENCH_TOKEN, benchContext, createBenchRouter } from './benchRouter';
import { nowNs, toParent, type ToServer } from './ipc';
import type { ServiceStatus } from '@medianest/status-core';
import { benchStatus, benchStatusList } from './payload';

/** What the runner starts in this process: one server of one kind. */
export type ServerMode =
  | 'raw'
  | 'raw/sj'
  | 'stock'
  | 'fast'
  | 'app-stock'
  | 'app-fast'
  | 'http-bare'
  | 'http-trpc'
  | 'http-app'
  | 'http-app-stock';

const mode = process.argv[2] as ServerMode;
const list = benchStatusList();
const fanout = createFanout<ServiceStatus>({
  mode: mode === 'fast' ? 'auto' : 'stock',
});
const router = createBenchRouter({ fanout, list: () => list });

const http = createServer(httpListener());
const wss = new WebSocketServer({ server: http });
let publish: (seq: number) => string = serveWebSockets();

function httpListener(): RequestListener {
  const trpc = createHTTPHandler({
    router,
    createContext: ({ req }) => benchContext({ req }),
  });
  if (mode === 'http-bare') {
    return (_req, res) => {
      const body = JSON.stringify(list);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    };
  }
  return trpc;
}

function serveWebSockets() {
  if (mode === 'raw' || mode === 'raw/sj') {
    // raw/sj: the same payload through superjson, as tRPC's transformer
    // would encode it, for clients that decode it the same way.
    const stringify = mode === 'raw' ? JSON.stringify : superjson.stringify;
    return (seq: number) => {
      const frame = stringify({ id: String(seq), data: benchStatus(1, seq) });
      for (const client of wss.clients) client.send(frame);
      return String(seq);
    };
  }
  const handlerOpts = {
    wss,
    router,
    createContext: ({ req, res, info }: CreateWSSContextFnOptions) =>
      benchContext({ req, ws: res, connectionParams: info.connectionParams }),
  };
  if (mode === 'fast') applyFanoutWSSHandler(handlerOpts);
  else applyWSSHandler(handlerOpts);
  return (seq: number) => {
    fanout.publish({ id: String(seq), data: benchStatus(1, seq) });
    return String(seq);
  };
}

function broadcast(message: Extract<ToServer, { cmd: 'broadcast' }>) {
  const { rate, from, count } = message;
  const start = performance.now();
  const tick = (index: number) => {
    if (index >= count) return;
    const seq = from + index;
    const t0 = nowNs();
    const id = publish(seq);
    // t1: every frame handed to its socket (the writes may still be queued).
    toParent({ type: 'sent', seq, id, t0, t1: nowNs() });
    const due = start + ((index + 1) * 1_000) / rate;
    setTimeout(() => tick(index + 1), Math.max(0, due - performance.now()));
  };
  tick(0);
}

let cpu = process.cpuUsage();
process.on('message', (message: ToServer) => {
  switch (message.cmd) {
    case 'heap':
      global.gc?.();
      global.gc?.();
      toParent({ type: 'heap', heapUsed: process.memoryUsage().heapUsed });
      break;
    case 'snapshot':
      global.gc?.();
      toParent({ type: 'snapshot', file: writeHeapSnapshot(message.file) });
      break;
    case 'cpuStart':
      cpu = process.cpuUsage();
      break;
    case 'cpuStop': {
      const used = process.cpuUsage(cpu);
      toParent({ type: 'cpu', micros: used.user + used.system });
      break;
    }
    case 'broadcast':
      broadcast(message);
      break;
  }
});
process.on('disconnect', () => process.exit(0));

async function start() {
  if (
    mode.startsWith('app-') ||
    mode === 'http-app' ||
    mode === 'http-app-stock'
  ) {
    const app = await startAppServer({
      streams: mode === 'app-stock' ? 'stock' : 'fanout',
      fastList: mode !== 'http-app-stock',
    });
    publish = app.publish;
    const { wsUrl, httpUrl, token } = app;
    toParent({ type: 'ready', wsUrl, httpUrl, token });
    return;
  }
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `127.0.0.1:${(http.address() as AddressInfo).port}`;
  toParent({
    type: 'ready',
    wsUrl: `ws://${base}`,
    httpUrl: `http://${base}`,
    token: BENCH_TOKEN,
  });
}

void start();
