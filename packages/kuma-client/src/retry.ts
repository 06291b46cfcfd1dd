/**
 * Decides the delay before reconnect attempt `attempt` (1 for the first
 * retry), or `null` to give up and close the client.
 */
export type RetryPolicy = (attempt: number) => number | null;

export interface ExponentialBackoffOptions {
  /** Delay of the first attempt in ms. @default 500 */
  baseMs?: number;
  /** Upper bound of any delay in ms. @default 30000 */
  maxMs?: number;
  /** Growth per attempt. @default 2 */
  factor?: number;
  /**
   * Share of each delay that is random, from 0 (none) to 1 (full jitter), so
   * that many clients restarted together do not reconnect in lockstep.
   * @default 0.5
   */
  jitter?: number;
  /** Attempts before giving up; `Infinity` never gives up. @default Infinity */
  maxAttempts?: number;
  /** Source of randomness in [0, 1). @default Math.random */
  random?: () => number;
}

/** Exponential backoff with jitter: the default reconnect policy. */
export function exponentialBackoff(
  options: ExponentialBackoffOptions = {},
): RetryPolicy {
  const {
    baseMs = 500,
    maxMs = 30_000,
    factor = 2,
    jitter = 0.5,
    maxAttempts = Number.POSITIVE_INFINITY,
    random = Math.random,
  } = options;
  return (attempt) => {
    if (attempt > maxAttempts) return null;
    const ceiling = Math.min(maxMs, baseMs * factor ** (attempt - 1));
    return Math.round(ceiling * (1 - jitter * random()));
  };
}
