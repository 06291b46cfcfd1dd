import { performance } from 'node:perf_hooks';
import { silentLogger } from '@medianest/kuma-client';
import type { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { LeaderLock, type LockState } from '../src/LeaderLock';
import { testRedis } from './redisHelpers';

const { redis: admin, prefix } = testRedis();

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

  it('releases the lock a claim still on its way wins after it stops', async () => {
    const key = `${prefix('lock')}leader`;
    const states: LockState[] = [];
    const lock = new LeaderLock({
      redis: admin,
      key,
      token: 'a',
      ttlMs: 60_000,
      logger: silentLogger,
      onChange: (state) => states.push(state),
    });
    // Its first claim is sent at once and answered only after the stop.
    lock.start();
    await lock.stop();
    // Answered in order: everything sent before this has been run.
    await admin.ping();
    expect(await admin.exists(key)).toBe(0);
    expect(states).toEqual([]);
    expect(lock.held).toBe(false);
  });
});
