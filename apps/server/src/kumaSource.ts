import type { Logger } from 'pino';
import {
  exponentialBackoff,
  KumaClient,
  KumaClientError,
  type RetryPolicy,
} from '@medianest/kuma-client';
import type { SourceHandle, StatusSource } from '@medianest/status-core';
import type { ServerConfig } from './config';

/** Failures that retrying with the same settings cannot fix. */
const NEEDS_OPERATOR = new Set([
  'INVALID_CREDENTIALS',
  'TWO_FACTOR_REQUIRED',
  'INVALID_TWO_FACTOR',
  'AUTH_REQUIRED',
]);

export interface OpenKumaOptions {
  kuma: ServerConfig['kuma'];
  logger: Logger;
}

/**
 * Opens a Kuma client for status-core and keeps it connecting: the client
 * reconnects by itself once it has been ready, but a first `connect()` that
 * fails is retried here with the same backoff. Kuma being down at start is
 * therefore only a warning; the engine probes meanwhile.
 */
export function openKumaSource(opts: OpenKumaOptions): SourceHandle {
  const { kuma: settings, logger } = opts;
  const retry = exponentialBackoff({ maxMs: settings.reconnectMaxMs });
  const client = new KumaClient({
    url: settings.url,
    logger,
    retry,
    ...credentials(settings),
  });
  // The client emits 'error' for lost connections; unheard, it would throw.
  client.on('error', (error) => {
    logger.warn({ err: error }, 'kuma connection error');
  });
  connectUntilReady({ client, retry, logger, attempt: 1 });
  return { source: asStatusSource(client), close: () => client.close() };
}

/**
 * The client as status-core's source. The client names the server's
 * version `serverVersion`; the engine's health reads `kumaVersion`.
 */
export function asStatusSource(client: KumaClient): StatusSource {
  const events: StatusSource = client;
  return {
    get state() {
      return client.state;
    },
    get dialect() {
      return client.dialect ?? null;
    },
    get kumaVersion() {
      return client.serverVersion ?? null;
    },
    monitors: () => client.monitors(),
    beats: (id) => client.beats(id),
    latestBeat: (id) => client.latestBeat(id),
    stats: (id) => client.stats(id),
    resync: () => client.resync(),
    on: events.on.bind(client),
    off: events.off.bind(client),
  };
}

function connectUntilReady(args: {
  client: KumaClient;
  retry: RetryPolicy;
  logger: Logger;
  attempt: number;
}): void {
  const { client, retry, logger, attempt } = args;
  client.connect().then(
    () => {
      const { dialect, serverVersion: version } = client;
      logger.info({ dialect, version }, 'kuma ready');
    },
    (error: unknown) => {
      if (client.state === 'closed') return;
      const code = error instanceof KumaClientError ? error.code : undefined;
      const level = code && NEEDS_OPERATOR.has(code) ? 'error' : 'warn';
      const delay = retry(attempt) ?? 30_000;
      logger[level]({ err: error, attempt, delay }, 'kuma not ready; retrying');
      const timer = setTimeout(
        () => connectUntilReady({ ...args, attempt: attempt + 1 }),
        delay,
      );
      timer.unref();
    },
  );
}

function credentials(settings: ServerConfig['kuma']) {
  const { username, password, token, totpSecret } = settings;
  return {
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(token ? { token } : {}),
    ...(totpSecret ? { totpSecret } : {}),
  };
}
