import { Redis } from 'ioredis';
import type { Logger } from '@medianest/kuma-client';

/** How long a command may wait for its reply. */
export const COMMAND_TIMEOUT_MS = 1_000;

/**
 * A connection that fails fast while Redis is away instead of queueing, so
 * the engine can serve from memory meanwhile; it keeps reconnecting in the
 * background. Errors are logged once per outage.
 *
 * A command already sent when the connection drops fails after
 * `COMMAND_TIMEOUT_MS` rather than waiting for the reconnection, and is not
 * sent again then: replayed, a leader's write from before an outage would
 * land after whatever a new leader wrote meanwhile.
 */
export function createRedisConnection(opts: {
  url: string;
  logger: Logger;
}): Redis {
  const redis = new Redis(opts.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: COMMAND_TIMEOUT_MS,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  let failing = false;
  redis.on('error', (error: Error) => {
    if (!failing) opts.logger.warn({ err: error }, 'Redis connection error');
    failing = true;
  });
  redis.on('ready', () => {
    failing = false;
  });
  return redis;
}

/** Resolves true once `redis` is ready, false after `timeoutMs`. */
export function waitForRedis(
  redis: Redis,
  timeoutMs: number,
): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean): void => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = (): void => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.on('ready', onReady);
  });
}
