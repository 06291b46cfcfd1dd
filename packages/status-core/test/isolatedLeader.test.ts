import { describe, expect, it } from 'vitest';
import { RedisStore } from '../src/RedisStore';
import { partitionFixture, warningLogger } from './partitionFixture';
import { flip, ids, kinds } from './testInstances';

const { admin, prefix, instance, proxy } = partitionFixture();

describe('a leader cut off from Redis for longer than its lease', () => {
  it('alone: keeps Kuma, tells its clients live, and shares it all once Redis is back', async () => {
    const keyPrefix = prefix('lone');
    const shared = new RedisStore({ redis: admin, keyPrefix });
    const kuma: { status: 0 | 1 } = { status: 1 };
    const a = instance(keyPrefix, kuma, { redis: proxy().url });
    await a.engine.start();
    await a.recorder.until(() => a.recorder.changes.length === 1, 'start');

    proxy().cut();
    await a.recorder.until(() => a.events.includes('isolated'), 'the lapse');
    expect(a.engine.health()).toMatchObject({
      leader: true,
      isolated: true,
      source: 'ready',
      storeHealthy: false,
    });
    // Past the lease, Kuma's changes still reach the listeners at once.
    flip(kuma, a, 0);
    await a.recorder.until(() => kinds(a.recorder).includes('down'), 'down');
    flip(kuma, a, 1);
    await a.recorder.until(
      () => kinds(a.recorder).includes('recovered'),
      'recovery',
    );
    const history = await a.engine.history({ limit: 10 });
    expect(history.items.map((c) => c.status.status)).toEqual([
      'up',
      'down',
      'up',
    ]);
    // Nothing of it reached Redis while cut off.
    expect(await shared.lastChangeId()).toBe(a.recorder.changes[0]!.id);

    proxy().restore();
    await a.recorder.until(
      () => a.events.includes('regained') && a.engine.health().storeHealthy,
      'leading again',
    );
    expect(a.events).toEqual(['acquired', 'isolated', 'regained']);
    expect(a.closedAt).toEqual([]);
    expect(a.sources).toHaveLength(1);
    // Nobody else led: the shared history is this instance's, each once.
    const changes = await shared.readAfter('0');
    expect(changes.items).toEqual(a.recorder.changes);
    const notes = await shared.readNotificationsAfter('0');
    expect(notes.items).toEqual(a.recorder.notifications);
    expect(await shared.getStatus('plex')).toMatchObject({ status: 'up' });

    flip(kuma, a, 0);
    await a.recorder.until(() => a.recorder.changes.length === 4, 'down');
    await expect
      .poll(() => shared.lastChangeId())
      .toBe(a.recorder.changes[3]!.id);
  });

  it('leaves what it published out when another instance wrote to the feeds meanwhile', async () => {
    const keyPrefix = prefix('diverged');
    const shared = new RedisStore({ redis: admin, keyPrefix });
    const { warnings, logger } = warningLogger();
    const kuma: { status: 0 | 1 } = { status: 1 };
    const a = instance(keyPrefix, kuma, { redis: proxy().url, logger });
    await a.engine.start();
    await a.recorder.until(() => a.recorder.changes.length === 1, 'start');
    // B is to take over from the status A shared.
    await expect
      .poll(() => shared.getStatus('plex'))
      .toMatchObject({ status: 'up' });

    proxy().cut();
    await a.recorder.until(() => a.events.includes('isolated'), 'the lapse');
    flip(kuma, a, 0);
    await a.recorder.until(() => kinds(a.recorder).includes('down'), 'down');
    // B leads while A is cut off, publishes the same outage, and leaves.
    const b = instance(keyPrefix, kuma);
    await b.engine.start();
    await b.recorder.until(() => kinds(b.recorder).includes('down'), 'down');
    await b.engine.stop();
    expect(await admin.exists(`${keyPrefix}leader`)).toBe(0);

    proxy().restore();
    await a.recorder.until(
      () => a.events.includes('regained') && a.engine.health().storeHealthy,
      'leading again',
    );
    expect(a.closedAt).toEqual([]);
    const left = warnings.filter((w) => w.includes('stays out'));
    expect(left).toHaveLength(1);
    // The shared history is B's; A's outage stays in A's memory only.
    const history = await shared.readAfter('0');
    expect(history.items.map((c) => c.id)).toEqual([
      a.recorder.changes[0]!.id,
      ...ids(b.recorder),
    ]);
    const notes = await shared.readNotificationsAfter('0');
    expect(notes.items).toEqual(b.recorder.notifications);

    // A leads on: its next change follows B's in the shared feed.
    flip(kuma, a, 1);
    await a.recorder.until(
      () => kinds(a.recorder).includes('recovered'),
      'recovery',
    );
    const recovery = a.recorder.changes.at(-1)!;
    await expect.poll(() => shared.lastChangeId()).toBe(recovery.id);
    const after = await shared.readAfter(ids(b.recorder).at(-1)!);
    expect(after.items).toEqual([recovery]);
    expect(warnings.filter((w) => w.includes('stays out'))).toHaveLength(1);
  });
});
