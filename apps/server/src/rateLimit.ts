/** The answer of a rate limiter: go ahead, or wait this long. */
export type RateLimitDecision =
  { ok: true } | { ok: false; retryAfterMs: number };

/** Allows one call per key per interval. */
export interface RateLimiter {
  take(key: string): RateLimitDecision;
}

export interface RateLimiterOptions {
  /** Minimum time between two allowed calls with the same key. */
  intervalMs: number;
  /** @default Date.now */
  now?: () => number;
}

/**
 * A fixed-interval limiter. Keys are token names, so the map stays as small
 * as the configured token list.
 */
export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  const now = opts.now ?? Date.now;
  const lastAllowed = new Map<string, number>();

  return {
    take(key) {
      const at = now();
      const last = lastAllowed.get(key);
      if (last !== undefined && at - last < opts.intervalMs) {
        return { ok: false, retryAfterMs: opts.intervalMs - (at - last) };
      }
      lastAllowed.set(key, at);
      return { ok: true };
    },
  };
}
