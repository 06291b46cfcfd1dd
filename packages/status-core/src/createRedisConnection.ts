import { Redis } from 'ioredis';
import type { Logger } from '@medianest/kuma-client';

/**
 * A connection that fails fast while Redis is away instead of queueing, so
 * the engine can serve from memory meanwhile; it keeps reconnecting in the
 * background. Errors are logged once per outage.
 */
export function createRedisConnection(opts: {
  url: string;
  logger: Logger;
}): Redis {
  const redis = new Redis(opts.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
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
