import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/loadConfig';
import { RedisStore } from '../src/RedisStore';
import { testRedis } from './redisHelpers';
import { flip, kinds, testInstances } from './testInstances';

const FLAP_WINDOW_MS = 1_000;
const config = parseConfig({
  services: [{ id: 'plex', displayName: 'Plex', monitors: [{ monitorId: 7 }] }],
  engine: { flapWindowMs: FLAP_WINDOW_MS },
});

const { redis: admin, prefix } = testRedis();
const instance = testInstances({ config, lockTtlMs: 1_500 });

/** Resolves once the clock has passed `time` (epoch milliseconds). */
async function until(time: number): Promise<void> {
  while (Date.now() <= time) {
    await new Promise((resolve) => setTimeout(resolve, time - Date.now() + 1));
  }
}

describe('notifications across takeovers', () => {
  it('owes nothing for a state a later leader took as known', async () => {
    const keyPrefix = prefix('reset');
    const store = new RedisStore({ redis: admin, keyPrefix });
    const kuma: { status: 0 | 1 } = { status: 1 };
    const a = instance(keyPrefix, kuma);
    await a.engine.start();
    await a.recorder.until(() => a.recorder.changes.length === 1, 'start');
    flip(kuma, a, 0);
    await a.recorder.until(() => kinds(a.recorder).includes('down'), 'down');
    await a.engine.stop();

    // The statuses expire while nobody leads, and Plex recovers meanwhile:
    // the next leader sees it for the first time, up, and tells nobody.
    await admin.del(store.keys.status('plex'));
    kuma.status = 1;
    const b = instance(keyPrefix, kuma);
    await b.engine.start();
    await b.recorder.until(() => b.recorder.changes.length === 1, 'seen');
    const seen = b.recorder.changes[0]!;
    expect(seen).toMatchObject({ previous: null, status: { status: 'up' } });
    await b.engine.stop();
    expect(kinds(b.recorder)).toEqual([]);

    await until(seen.at.getTime() + FLAP_WINDOW_MS);
    const c = instance(keyPrefix, kuma);
    await c.engine.start();
    await c.recorder.until(() => c.events.includes('acquired'), 'lead');
    // The first news from C is this transition, not a recovery nobody saw.
    flip(kuma, c, 0);
    await c.recorder.until(() => c.recorder.notifications.length > 0, 'news');
    expect(c.recorder.notifications[0]).toMatchObject({
      kind: 'down',
      title: 'Plex is down',
    });
  });
});
