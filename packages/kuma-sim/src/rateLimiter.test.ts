import { describe, expect, it } from 'vitest';

import { RateLimiter } from './rateLimiter';

describe('RateLimiter', () => {
  it('allows perMinute takes, then refills over time', () => {
    let now = 0;
    const limiter = new RateLimiter(20, () => now);
    for (let i = 0; i < 20; i++) expect(limiter.take()).toBe(true);
    expect(limiter.take()).toBe(false);
    now += 3_000; // one token every 3 s at 20 per minute
    expect(limiter.take()).toBe(true);
    expect(limiter.take()).toBe(false);
    now += 10 * 60_000;
    expect(limiter.remaining()).toBe(20);
  });
});
