import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** The answer of a rate limiter: go ahead, or wait this long. */
export type RateLimitDecision =
  { ok: true } | { ok: false; retryAfterMs: number };

/** Allows one call per key per interval. */
export interface RateLimiter {
  take(key: string): Promise<RateLimitDecision>;
  /** Releases what the limiter holds (a Redis connection). Idempotent. */
  close(): Promise<void>;
}

export interface RateLimiterOptions {
  /** Minimum time between two allowed calls with the same key. */
  intervalMs: number;
  /** @default Date.now */
  now?: () => number;
}

/**
 * A fixed-interval limiter local to this process. Keys are token names, so
 * the map stays as small as the configured token list.
 */
export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  const now = opts.now ?? Date.now;
  const lastAllowed = new Map<string, number>();

  const takeNow = (key: string): RateLimitDecision => {
    const at = now();
    const last = lastAllowed.get(key);
    if (last !== undefined && at - last < opts.intervalMs) {
      return { ok: false, retryAfterMs: opts.intervalMs - (at - last) };
    }
    lastAllowed.set(key, at);
    return { ok: true };
  };
  return {
    take: (key) => Promise.resolve(takeNow(key)),
    close: () => Promise.resolve(),
  };
}

export interface RedisRateLimiterOptions {
  /** Minimum time between two allowed calls with the same key. */
  intervalMs: number;
  /** A client owned by the limiter: `close()` disconnects it. */
  redis: Redis;
  /** Prepended to every key, as for the rest of the server's keys. */
  keyPrefix: string;
  /** Answers while Redis fails, so a call never waits on a dead Redis. */
  fallback: RateLimiter;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** Longest wait for Redis before using `fallback`. @default 1000 */
  timeoutMs?: number;
}

/**
 * A fixed-interval limiter shared by every instance on one Redis: the first
 * call sets a key that expires after the interval, and its remaining
 * lifetime is the retry time. Keys hold a SHA-256 of the limiter key, so
 * token names never appear in Redis.
 */
export function createRedisRateLimiter(
  opts: RedisRateLimiterOptions,
): RateLimiter {
  const { redis, logger, fallback, intervalMs } = opts;
  const timeoutMs = opts.timeoutMs ?? 1000;
  let degraded = false;

  const onFailure = (error: unknown) => {
    if (degraded) return;
    degraded = true;
    logger.warn(
      { err: error },
      'Redis unreachable: admin.refresh is rate-limited per instance until ' +
        'it answers again; check redis.url',
    );
  };
  const onSuccess = () => {
    if (!degraded) return;
    degraded = false;
    logger.info('Redis answers again: admin.refresh limit is shared again');
  };
  // Without a listener ioredis reports every reconnect failure on stderr.
  redis.on('error', onFailure);

  const take = async (key: string): Promise<RateLimitDecision> => {
    if (intervalMs <= 0) return { ok: true };
    try {
      const redisKey = `${opts.keyPrefix}ratelimit:refresh:${sha256(key)}`;
      const call = setWithRetryTime({ redis, key: redisKey, intervalMs });
      const decision = await withTimeout(call, timeoutMs);
      onSuccess();
      return decision;
    } catch (error) {
      onFailure(error);
      return fallback.take(key);
    }
  };
  const close = async () => {
    redis.off('error', onFailure);
    redis.disconnect();
    await fallback.close();
  };
  return { take, close };
}

async function setWithRetryTime(args: {
  redis: Redis;
  key: string;
  intervalMs: number;
}): Promise<RateLimitDecision> {
  const { redis, key, intervalMs } = args;
  // One transaction, so the PTTL belongs to the key the SET refused.
  const replies = await redis
    .multi()
    .set(key, '1', 'PX', intervalMs, 'NX')
    .pttl(key)
    .exec();
  if (!replies) throw new Error('rate limit transaction was aborted');
  const [set, ttl] = replies;
  if (set?.[0]) throw set[0];
  if (set?.[1] === 'OK') return { ok: true };
  if (ttl?.[0]) throw ttl[0];
  const pttl = Number(ttl?.[1]);
  // A key without a lifetime was not set by this limiter: wait a full turn.
  return { ok: false, retryAfterMs: pttl > 0 ? pttl : intervalMs };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`Redis did not answer within ${ms} ms`));
    }, ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
