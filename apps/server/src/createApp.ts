import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { WebSocketServer } from 'ws';
import { Redis } from 'ioredis';
import type { StatusEngineApi } from '@medianest/status-core';
import { DEFAULT_KEY_PREFIX } from '@medianest/status-core';
import { createAuthenticator } from './auth';
import type { ServerConfig } from './config';
import { createContextFactory, type AppDeps } from './context';
import { createKumaEngine, type ManagedEngine } from './engineFactory';
import { createFastList } from './fastList';
import { createHttpServer, TRPC_PATH } from './httpServer';
import { createLogger } from './logger';
import { createMetrics } from './metrics';
import {
  createRateLimiter,
  createRedisRateLimiter,
  type RateLimiter,
} from './rateLimit';
import { appRouter } from './router';
import { createStaticHandler } from './staticFiles';
import {
  createSubscriptionStreams,
  type StreamsMode,
} from './streams/createSubscriptionStreams';
import type { SubscriptionStreams } from './streams/subscriptionStreams';

export interface CreateAppOptions {
  config: ServerConfig;
  /** @default a pino logger at `config.server.logLevel` */
  logger?: Logger;
  /**
   * The engine to serve. Default: a Kuma client and a status-core engine
   * built from `config`, started here and stopped by `close()`.
   */
  engine?: ManagedEngine;
  /** How subscriptions are served. @default config.server.fanout ? 'fanout' : 'stock' */
  streams?: StreamsMode | ((engine: StatusEngineApi) => SubscriptionStreams);
  /**
   * Answer plain `status.list` calls with a body serialized once per change
   * (see `fastList.ts`); false leaves every request to tRPC.
   * @default true
   */
  fastList?: boolean;
}

/** A running server. */
export interface App {
  /** `http://host:port`, with the real port when 0 was asked for. */
  url: string;
  /** `${url}/trpc`: where clients point. */
  trpcUrl: string;
  port: number;
  engine: StatusEngineApi;
  logger: Logger;
  /** @internal The WebSocket server, for tests that drop connections. */
  wss: WebSocketServer;
  /** Stops accepting, closes subscriptions, stops the engine. Idempotent. */
  close: () => Promise<void>;
}

/**
 * Wires config, engine, router and the HTTP/WS server, and listens. If any
 * step fails, what was opened so far is closed again (an engine passed in
 * stays with its owner) and the error is rethrown.
 */
export async function createApp(opts: CreateAppOptions): Promise<App> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger({ level: config.server.logLevel });
  // Secrets in here are redacted by the logger (see REDACTED_PATHS).
  logger.debug({ config }, 'configuration');
  const managed = opts.engine ?? (await createKumaEngine({ config, logger }));
  try {
    return await serve({ opts, managed, logger });
  } catch (error) {
    if (!opts.engine) {
      // The start's own error is what the caller needs; this one is logged.
      await managed.stop().catch((stopError: unknown) => {
        logger.warn({ err: stopError }, 'stopping the engine failed');
      });
    }
    throw error;
  }
}

async function serve(args: {
  opts: CreateAppOptions;
  managed: ManagedEngine;
  logger: Logger;
}): Promise<App> {
  const { opts, managed, logger } = args;
  const { config } = opts;
  const engine = managed.api;
  const deps = createDeps({ opts, engine, logger });
  let http: ReturnType<typeof createHttpServer> | undefined;
  let port: number;
  try {
    http = await startHttp({ opts, deps });
    port = await listen(http.server, config.server);
  } catch (error) {
    await http?.close({ graceMs: 0 });
    await releaseDeps(deps);
    throw error;
  }
  const url = `http://${displayHost(config.server.host)}:${port}`;
  logger.info({ url, trpc: `${url}${TRPC_PATH}` }, 'listening');

  const server = http;
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      logger.info('shutting down');
      await server.close();
      await releaseDeps(deps);
      await managed.stop();
      logger.info('stopped');
    })());
  return {
    url,
    trpcUrl: `${url}${TRPC_PATH}`,
    port,
    engine,
    logger,
    wss: server.wss,
    close,
  };
}

function createDeps(args: {
  opts: CreateAppOptions;
  engine: StatusEngineApi;
  logger: Logger;
}): AppDeps {
  const { opts, engine, logger } = args;
  const streams = pickStreams(args);
  return {
    engine,
    streams,
    metrics: createMetrics(engine, { statusSubscribers: streams.counts }),
    refreshLimiter: createRefreshLimiter(opts.config, logger),
    logger,
    info: {
      version: readVersion(),
      startedAt: new Date(),
      node: process.version,
    },
  };
}

async function releaseDeps(deps: AppDeps): Promise<void> {
  await deps.refreshLimiter.close();
  deps.streams.close();
  deps.metrics.close();
}

async function startHttp(args: { opts: CreateAppOptions; deps: AppDeps }) {
  const { opts, deps } = args;
  const { config } = opts;
  const { engine, metrics, logger, streams } = deps;
  const authenticator = createAuthenticator(config.auth);
  warnAboutAuth(logger, config);
  const fastList =
    opts.fastList === false
      ? null
      : createFastList({ router: appRouter, engine, authenticator, metrics });
  return createHttpServer({
    router: appRouter,
    createContext: createContextFactory({ deps, authenticator }),
    engine,
    metrics,
    logger,
    staticHandler: await createStaticHandler(config.server.webDist),
    keepAliveMs: config.server.keepAliveMs,
    applyWSSHandler: streams.applyWSSHandler,
    fastList,
  });
}

async function listen(
  server: Server,
  { host, port }: { host: string; port: number },
): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

function pickStreams(args: {
  opts: CreateAppOptions;
  engine: StatusEngineApi;
  logger: Logger;
}): SubscriptionStreams {
  const { opts, engine, logger } = args;
  if (typeof opts.streams === 'function') return opts.streams(engine);
  const mode = opts.streams ?? (opts.config.server.fanout ? 'fanout' : 'stock');
  return createSubscriptionStreams(engine, { logger, mode });
}

/** Shared by every instance on the same Redis and key prefix. */
function createRefreshLimiter(
  config: ServerConfig,
  logger: Logger,
): RateLimiter {
  const intervalMs = config.server.refreshIntervalMs;
  const local = createRateLimiter({ intervalMs });
  if (!config.redis) return local;
  return createRedisRateLimiter({
    intervalMs,
    // Its own connection: a refresh must not queue behind the engine's work.
    redis: new Redis(config.redis.url, { maxRetriesPerRequest: 1 }),
    keyPrefix: config.redis.keyPrefix ?? DEFAULT_KEY_PREFIX,
    fallback: local,
    logger: logger.child({ component: 'refresh-limit' }),
  });
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function warnAboutAuth(logger: Logger, config: ServerConfig): void {
  if (config.auth.tokens.length > 0 || config.auth.publicRead) return;
  logger.warn(
    'no tokens configured and public read is off: every call will be refused; ' +
      'set STATUS_VIEWER_TOKEN / STATUS_ADMIN_TOKEN or STATUS_PUBLIC_READ=true',
  );
}

function readVersion(): string {
  const file = new URL('../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
