/**
 * A global token bucket like Kuma's login limiter: `perMinute` tokens,
 * refilled continuously, shared by every client.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perMinute;
    this.last = now();
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Tokens left right now (fractional while refilling). */
  remaining(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const now = this.now();
    const perMs = this.perMinute / 60_000;
    this.tokens = Math.min(
      this.perMinute,
      this.tokens + (now - this.last) * perMs,
    );
    this.last = now;
  }
}
