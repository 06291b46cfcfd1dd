import { describe, expect, it } from 'vitest';
import { RedisStore } from '../src/RedisStore';
import {
  LOCK_TTL_MS,
  partitionFixture,
  warningLogger,
} from './partitionFixture';
import { flip, ids, kinds } from './testInstances';

const { admin, prefix, instance, proxy } = partitionFixture();

const WRITES = new Set(['set', 'xadd', 'sadd', 'srem', 'del']);

/** The writes to keys under `keyPrefix` sent through the proxy after `from`. */
function proxiedWrites(keyPrefix: string, from: number): string[][] {
  const sent = proxy().commands.slice(from);
  return sent.flatMap(([name = '', key = '']) => {
    const write = WRITES.has(name.toLowerCase()) && key.startsWith(keyPrefix);
    return write ? [[name, key]] : [];
  });
}

describe('the leader alone loses Redis', () => {
  it('serves its own clients while cut off, resigns once it sees the new leader, and writes nothing stale', async () => {
    const keyPrefix = prefix('partition');
    const shared = new RedisStore({ redis: admin, keyPrefix });
    const kuma: { status: 0 | 1 } = { status: 1 };
    const a = instance(keyPrefix, kuma, { redis: proxy().url });
    await a.engine.start();
    await a.recorder.until(() => a.recorder.changes.length === 1, 'start');
    // B is to take over from the status A shared.
    await expect
      .poll(() => shared.getStatus('plex'))
      .toMatchObject({ status: 'up' });
    const b = instance(keyPrefix, kuma);
    await b.engine.start();
    expect(b.engine.isLeader).toBe(false);

    // A still hears Kuma; only its memory gets what it publishes now.
    const cutAt = Date.now();
    proxy().cut();
    flip(kuma, a, 0);
    await a.recorder.until(() => kinds(a.recorder).includes('down'), 'down');
    expect(a.engine.health()).toMatchObject({ storeHealthy: false });

    await b.recorder.until(() => b.engine.isLeader, 'takeover');
    // A stopped writing within its lease, before B could take the lock,
    // but kept Kuma for its own clients.
    expect(a.events).toEqual(['acquired', 'isolated']);
    expect(a.engine.health()).toMatchObject({
      leader: true,
      isolated: true,
      source: 'ready',
      storeHealthy: false,
    });
    expect(a.closedAt).toEqual([]);
    await b.recorder.until(() => kinds(b.recorder).includes('down'), 'down');

    // Kuma recovers: both connections hear it, and A's clients see it live.
    flip(kuma, a, 1);
    flip(kuma, b, 1);
    await a.recorder.until(
      () => kinds(a.recorder).includes('recovered'),
      'recovery on the isolated instance',
    );
    expect(await a.engine.get('plex')).toMatchObject({ status: 'up' });
    await b.recorder.until(
      () => kinds(b.recorder).includes('recovered'),
      'recovery',
    );
    expect(a.closedAt).toEqual([]);

    const sentBefore = proxy().commands.length;
    const restoredAt = Date.now();
    proxy().restore();
    await a.recorder.until(() => a.events.includes('lost'), 'resigning');
    // A closed Kuma once it could see B's lock, a lock tick at the latest.
    expect(a.closedAt).toHaveLength(1);
    expect(a.closedAt[0]!).toBeGreaterThanOrEqual(restoredAt);
    expect(a.closedAt[0]! - cutAt).toBeGreaterThan(LOCK_TTL_MS);
    expect(a.events).toEqual(['acquired', 'isolated', 'lost']);
    await a.recorder.until(
      () =>
        a.engine.health().storeHealthy &&
        ids(a.recorder).includes(ids(b.recorder).at(-1)!),
      'the ex-leader following the feed',
    );
    expect(a.engine.isLeader).toBe(false);
    expect(a.engine.health()).toMatchObject({
      leader: false,
      isolated: false,
      source: 'idle',
    });
    expect(await a.engine.get('plex')).toMatchObject({ status: 'up' });
    // One more change through the feed: A has had its chances to write.
    flip(kuma, b, 0);
    await b.recorder.until(
      () => b.recorder.notifications.length === 3,
      'down again',
    );
    const last = b.recorder.notifications[2]!;
    await a.recorder.until(
      () => a.recorder.notifications.some((n) => n.id === last.id),
      'the next change on the ex-leader',
    );

    expect(b.engine.isLeader).toBe(true);
    expect(a.sources).toHaveLength(1);
    const history = await shared.history({ limit: 10 });
    expect(history.items.map((c) => c.id).reverse()).toEqual([
      a.recorder.changes[0]!.id,
      ...ids(b.recorder),
    ]);
    expect(history.items.map((c) => c.status.status).reverse()).toEqual([
      'up',
      'down',
      'up',
      'down',
    ]);
    const notes = await shared.readNotificationsAfter('0');
    expect(notes.items).toEqual(b.recorder.notifications);
    expect(await shared.getStatus('plex')).toMatchObject({ status: 'down' });
    // Back on Redis, A wrote no status or feed entry of its own.
    expect(proxiedWrites(keyPrefix, sentBefore)).toEqual([]);
  });

  it('a leader back within its lease asks for the lock before writing what it kept', async () => {
    const keyPrefix = prefix('relock');
    const shared = new RedisStore({ redis: admin, keyPrefix });
    const { warnings, logger } = warningLogger();
    const kuma: { status: 0 | 1 } = { status: 1 };
    // A lease long enough that A is back well before it could lapse.
    const a = instance(keyPrefix, kuma, {
      redis: proxy().url,
      lockTtlMs: 6_000,
      logger,
    });
    await a.engine.start();
    await a.recorder.until(() => a.recorder.changes.length === 1, 'start');
    const b = instance(keyPrefix, kuma);
    await b.engine.start();

    proxy().cut();
    flip(kuma, a, 0);
    await a.recorder.until(() => kinds(a.recorder).includes('down'), 'down');
    // Redis lost the lock (say, a failover to a replica that lagged).
    await admin.del(`${keyPrefix}leader`);
    await b.recorder.until(() => kinds(b.recorder).includes('down'), 'down');
    expect(a.engine.isLeader).toBe(true);

    const sentBefore = proxy().commands.length;
    proxy().restore();
    await a.recorder.until(() => a.events.includes('lost'), 'resigning');
    await a.recorder.until(
      () => ids(a.recorder).includes(ids(b.recorder).at(-1)!),
      'the ex-leader following the feed',
    );
    // It learnt from Redis that the lock is gone, not from its lease.
    expect(warnings.filter((w) => w.includes('leader lock'))).toEqual([]);
    expect(a.closedAt).toHaveLength(1);
    const history = await shared.history({ limit: 10 });
    expect(history.items.map((c) => c.id).reverse()).toEqual([
      a.recorder.changes[0]!.id,
      ...ids(b.recorder),
    ]);
    const notes = await shared.readNotificationsAfter('0');
    expect(notes.items).toEqual(b.recorder.notifications);
    expect(proxiedWrites(keyPrefix, sentBefore)).toEqual([]);
  });
});
