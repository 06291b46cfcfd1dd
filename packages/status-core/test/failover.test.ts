import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/loadConfig';
import { RedisStore } from '../src/RedisStore';
import { storedStatus } from './engineHelpers';
import { beat } from './fakeSource';
import { testRedis } from './redisHelpers';
import { flip, ids, kinds, testInstances } from './testInstances';

const LOCK_TTL_MS = 1_500;
const config = parseConfig({
  services: [{ id: 'plex', displayName: 'Plex', monitors: [{ monitorId: 7 }] }],
});

const { redis: admin, prefix } = testRedis();
const instance = testInstances({ config, lockTtlMs: LOCK_TTL_MS });

describe('several instances over Redis', () => {
  it('one leads, the other follows the feed, and takes over on stop', async () => {
    const keyPrefix = prefix('failover');
    const kuma: { status: 0 | 1; msg?: string } = { status: 1 };
    const a = instance(keyPrefix, kuma);
    await a.engine.start();
    await a.recorder.until(
      () => a.recorder.changes.length === 1,
      'first change',
    );
    expect(a.engine.health()).toMatchObject({
      leader: true,
      store: 'redis',
      storeHealthy: true,
    });

    const b = instance(keyPrefix, kuma);
    await b.engine.start();
    expect(b.engine.isLeader).toBe(false);
    expect(await b.engine.get('plex')).toMatchObject({ status: 'up' });

    Object.assign(kuma, { status: 0, msg: 'refused' });
    a.sources[0]!.beat(
      beat({ monitorId: 7, status: 0, msg: 'refused', time: new Date() }),
    );
    await b.recorder.until(
      () => b.recorder.notifications.length === 1,
      'down on follower',
    );
    expect(ids(b.recorder)).toEqual(ids(a.recorder).slice(1));
    expect(b.recorder.notifications).toEqual(a.recorder.notifications);
    // Both read the shared feed: the same position on every instance.
    const down = a.recorder.notifications[0]!;
    expect(await b.engine.recentNotifications(5)).toEqual({
      items: [down],
      lastId: down.id,
    });
    const missed = await b.engine.readAfter(a.recorder.changes[0]!.id);
    expect(missed.items).toEqual(b.recorder.changes);

    const stoppedAt = Date.now();
    await a.engine.stop();
    await b.recorder.until(() => b.engine.isLeader, 'takeover');
    expect(Date.now() - stoppedAt).toBeLessThan(LOCK_TTL_MS);
    expect(b.events).toEqual(['acquired']);
    expect(b.sources).toHaveLength(1);
    // Kuma still says down: the new leader publishes nothing new.
    await b.engine.refresh();
    expect(b.recorder.changes).toHaveLength(1);

    b.sources[0]!.beat(beat({ monitorId: 7, status: 1, time: new Date() }));
    await b.recorder.until(
      () => b.recorder.notifications.length === 2,
      'recovery',
    );
    expect(b.recorder.notifications.map((n) => n.kind)).toEqual([
      'down',
      'recovered',
    ]);
    expect(new Set(ids(b.recorder)).size).toBe(b.recorder.changes.length);
    const history = await b.engine.history({ service: 'plex', limit: 10 });
    expect(history.items.map((c) => c.status.status)).toEqual([
      'up',
      'down',
      'up',
    ]);
  });

  it('a new leader keeps a flap muted and announces once it settles', async () => {
    const keyPrefix = prefix('flap');
    const flapWindowMs = 2_500;
    const flappy = parseConfig({
      ...config,
      engine: { flapThreshold: 2, flapWindowMs },
    });
    const kuma: { status: 0 | 1 } = { status: 1 };
    const a = instance(keyPrefix, kuma, { config: flappy });
    await a.engine.start();
    await a.recorder.until(() => a.recorder.changes.length === 1, 'start');
    const b = instance(keyPrefix, kuma, { config: flappy });
    await b.engine.start();

    for (const status of [0, 1, 0] as const) flip(kuma, a, status);
    await b.recorder.until(
      () => b.recorder.notifications.length === 3,
      'flapping on follower',
    );
    expect(kinds(b.recorder)).toEqual(['down', 'recovered', 'flapping']);

    await a.engine.stop();
    await b.recorder.until(() => b.events.includes('acquired'), 'takeover');
    for (const status of [1, 0] as const) flip(kuma, b, status);
    await b.recorder.until(
      () => b.recorder.changes.length === 5,
      'flips on the new leader',
    );
    const lastFlip = Date.now();
    expect(kinds(b.recorder)).toEqual(['down', 'recovered', 'flapping']);

    // Quiet for a window: the settled state, unlike the last told, is news.
    await b.recorder.until(
      () => b.recorder.notifications.length === 4,
      'settled',
    );
    expect(Date.now() - lastFlip).toBeGreaterThanOrEqual(flapWindowMs - 50);
    expect(b.recorder.notifications[3]).toMatchObject({
      kind: 'down',
      title: 'Plex is down',
      changeId: b.recorder.changes[4]!.id,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(kinds(b.recorder)).toEqual([
      'down',
      'recovered',
      'flapping',
      'down',
    ]);
  });

  it('announces a transition the previous leader left unsent', async () => {
    const keyPrefix = prefix('unsent');
    // The previous leader recorded the change, then died before notifying.
    const store = new RedisStore({ redis: admin, keyPrefix });
    const down = storedStatus('plex', 'down', {
      displayName: 'Plex',
      message: 'refused',
    });
    await store.appendChange({
      at: new Date(),
      service: 'plex',
      previous: 'up',
      status: down,
    });
    await store.putStatuses([down]);

    const b = instance(keyPrefix, { status: 0, msg: 'refused' });
    await b.engine.start();
    await b.recorder.until(() => b.recorder.notifications.length === 1, 'down');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(kinds(b.recorder)).toEqual(['down']);
  });

  it('takes over from a leader that died holding the lock, once it lapses', async () => {
    const keyPrefix = prefix('lapse');
    await admin.set(`${keyPrefix}leader`, 'dead-instance', 'PX', LOCK_TTL_MS);
    const b = instance(keyPrefix, { status: 1 });
    const startedAt = Date.now();
    await b.engine.start();
    expect(b.engine.isLeader).toBe(false);
    await b.recorder.until(() => b.engine.isLeader, 'takeover');
    const waited = Date.now() - startedAt;
    expect(waited).toBeGreaterThanOrEqual(LOCK_TTL_MS - 100);
    expect(waited).toBeLessThan(LOCK_TTL_MS * 2);
    await b.recorder.until(
      () => b.recorder.changes.length === 1,
      'first change',
    );
  });

  it('a follower refresh asks the leader to resync and returns what changed', async () => {
    const keyPrefix = prefix('relay');
    const a = instance(keyPrefix, { status: 1 });
    await a.engine.start();
    await a.recorder.until(() => a.recorder.changes.length === 1, 'start');
    const b = instance(keyPrefix, { status: 1 });
    await b.engine.start();
    expect(b.engine.isLeader).toBe(false);

    // Kuma changed but the event never arrived: only a resync sees it.
    const source = a.sources[0]!;
    source.onResync = () =>
      source.quietBeat(
        beat({ monitorId: 7, status: 0, msg: 'refused', time: new Date() }),
      );
    const result = await b.engine.refresh();
    expect(source.resyncs).toBe(1);
    expect(result.mode).toBe('kuma');
    expect(result.changed).toMatchObject([
      { service: 'plex', status: 'down', message: 'refused' },
    ]);
    expect(result.changed[0]?.lastCheck).toBeInstanceOf(Date);
    // Caught up before answering: the follower already serves it.
    expect(await b.engine.get('plex')).toMatchObject({ status: 'down' });
    expect(b.recorder.changes.map((c) => c.id)).toEqual(
      a.recorder.changes.slice(1).map((c) => c.id),
    );

    source.onResync = () => {
      throw new Error('Kuma did not answer');
    };
    const failure = await b.engine.refresh().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'REFRESH_FAILED' });
    expect(String(failure)).toContain('Kuma did not answer');
  });

  it("a follower names the leader's Kuma dialect and version in health", async () => {
    const keyPrefix = prefix('info');
    const a = instance(keyPrefix, { status: 1 });
    await a.engine.start();
    await a.recorder.until(() => a.engine.isLeader, 'leadership');
    expect(a.engine.health()).toMatchObject({
      dialect: '2.x',
      kumaVersion: '2.5.3',
    });
    const b = instance(keyPrefix, { status: 1 });
    await b.engine.start();
    await b.recorder.until(
      () => b.engine.health().kumaVersion !== null,
      'shared source info',
    );
    expect(b.engine.health()).toMatchObject({
      leader: false,
      dialect: '2.x',
      kumaVersion: '2.5.3',
    });
  });

  it('a follower refresh without a leader catches up with the feed at once', async () => {
    const keyPrefix = prefix('leaderless');
    await admin.set(`${keyPrefix}leader`, 'dead-instance', 'PX', 60_000);
    const b = instance(keyPrefix, { status: 1 });
    await b.engine.start();
    const startedAt = Date.now();
    const result = await b.engine.refresh();
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(result).toEqual({ changed: [], mode: 'starting' });
    expect(b.sources).toHaveLength(0);
  });

  it('releases the lock on stop', async () => {
    const keyPrefix = prefix('release');
    const a = instance(keyPrefix, { status: 1 });
    await a.engine.start();
    await a.recorder.until(() => a.engine.isLeader, 'leadership');
    expect(await admin.get(`${keyPrefix}leader`)).not.toBeNull();
    await a.engine.stop();
    expect(await admin.get(`${keyPrefix}leader`)).toBeNull();
    expect(a.events).toEqual(['acquired', 'lost']);
  });
});
