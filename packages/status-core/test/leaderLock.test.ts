import { performance } from 'node:perf_hooks';
import { silentLogger } from '@medianest/kuma-client';
import type { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { LeaderLock } from '../src/LeaderLock';

/** A Redis in which every claim of the lock wins at once. */
function grantingRedis(): Redis {
  const redis = {
    on: () => redis,
    off: () => redis,
    eval: () => Promise.resolve(1),
  };
  return redis as unknown as Redis;
}

describe('LeaderLock', () => {
  it('stops holding when its lease ends, even while its timers are held up', async () => {
    const lock = new LeaderLock({
      redis: grantingRedis(),
      key: 'leader',
      token: 'a',
      ttlMs: 100,
      logger: silentLogger,
      onChange: () => undefined,
    });
    lock.start();
    try {
      await vi.waitFor(() => expect(lock.held).toBe(true));
      // A busy event loop: no renewal and no lapse timer can run, and the
      // lease (four fifths of 100 ms from the last claim) runs out.
      const busyUntil = performance.now() + 120;
      while (performance.now() < busyUntil);
      expect(lock.held).toBe(false);
    } finally {
      await lock.stop();
    }
  });
});
