import type { Redis } from 'ioredis';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';
import { compareChangeIds } from '../src/changeId';
import { MemoryStore } from '../src/MemoryStore';
import { RedisStore } from '../src/RedisStore';
import type {
  NewStatusChange,
  NewStatusNotification,
  StatusStore,
} from '../src/StatusStore';
import type { ServiceStatus } from '../src/types';
import { connect, deletePrefix, uniquePrefix } from './redisHelpers';

interface Backend {
  name: string;
  create(opts: {
    historySize: number;
    statusTtlMs: number;
    clock?: () => number;
  }): StatusStore;
  cleanup(): Promise<void>;
}

let redis: Redis;
const prefixes: string[] = [];

beforeAll(() => {
  redis = connect();
});
afterAll(async () => {
  for (const prefix of prefixes) await deletePrefix(redis, prefix);
  redis.disconnect();
});

const backends: Backend[] = [
  {
    name: 'MemoryStore',
    create: (opts) => new MemoryStore(opts),
    cleanup: () => Promise.resolve(),
  },
  {
    name: 'RedisStore',
    create: (opts) => {
      const keyPrefix = uniquePrefix('contract');
      prefixes.push(keyPrefix);
      return new RedisStore({ redis, keyPrefix, ...opts });
    },
    cleanup: async () => {
      const prefix = prefixes.at(-1);
      if (prefix) await deletePrefix(redis, prefix);
    },
  },
];

function status(
  service: string,
  overrides: Partial<ServiceStatus> = {},
): ServiceStatus {
  return {
    service,
    displayName: service.toUpperCase(),
    status: 'up',
    responseTime: 42,
    lastCheck: new Date('2025-01-01T12:00:00.000Z'),
    source: 'kuma',
    monitors: [
      {
        monitorId: 1,
        name: 'm',
        status: 'up',
        lastCheck: new Date('2025-01-01T12:00:00.000Z'),
      },
    ],
    ...overrides,
  };
}

function change(
  service: string,
  state: ServiceStatus['status'] = 'down',
): NewStatusChange {
  return {
    at: new Date(),
    service,
    previous: 'up',
    status: status(service, { status: state }),
  };
}

function notification(kind: 'down' | 'recovered'): NewStatusNotification {
  return {
    at: new Date(),
    kind,
    service: 'plex',
    displayName: 'Plex',
    title: kind === 'down' ? 'Plex is down' : 'Plex is up again',
    message: kind === 'down' ? 'Connection refused' : '',
  };
}

describe.each(backends)('$name contract', (backend) => {
  let store: StatusStore;
  beforeEach(() => {
    store = backend.create({ historySize: 50, statusTtlMs: 5_000 });
  });
  afterEach(async () => {
    await store.close();
    await backend.cleanup();
  });

  it('keeps statuses with their dates', async () => {
    await store.putStatuses([
      status('plex'),
      status('api', { status: 'down' }),
    ]);
    const plex = await store.getStatus('plex');
    expect(plex).toEqual(status('plex'));
    expect(plex?.lastCheck).toBeInstanceOf(Date);
    const all = await store.listStatuses();
    expect(all.map((s) => s.service).sort()).toEqual(['api', 'plex']);
    expect(await store.getStatus('missing')).toBeUndefined();
  });

  it('gives changes increasing ids and reads exactly what came after', async () => {
    expect(await store.lastChangeId()).toBeNull();
    const written = [];
    for (const service of ['a', 'b', 'c', 'd', 'e']) {
      written.push(await store.appendChange(change(service)));
    }
    for (let i = 1; i < written.length; i++) {
      expect(
        compareChangeIds(written[i]!.id, written[i - 1]!.id),
      ).toBeGreaterThan(0);
    }
    const after = await store.readAfter(written[1]!.id);
    expect(after.expired).toBe(false);
    expect(after.items.map((c) => c.service)).toEqual(['c', 'd', 'e']);
    expect(after.items[0]).toEqual(written[2]);
    expect(after.items[0]?.at).toBeInstanceOf(Date);
    expect(await store.readAfter(written[4]!.id)).toEqual({
      items: [],
      expired: false,
    });
    expect((await store.readAfter('0')).items).toHaveLength(5);
    expect(await store.lastChangeId()).toBe(written[4]!.id);
  });

  it('keeps a bounded history', async () => {
    for (let i = 0; i < 300; i++) await store.appendChange(change(`s${i}`));
    const { items: kept } = await store.readAfter('0', 1_000);
    // Redis trims approximately (MAXLEN ~), never below the bound.
    expect(kept.length).toBeGreaterThanOrEqual(50);
    expect(kept.length).toBeLessThan(300);
    expect(kept.at(-1)?.service).toBe('s299');
  });

  it('pages history newest first, per service, by cursor', async () => {
    for (let i = 0; i < 7; i++) {
      await store.appendChange(change('plex', i % 2 ? 'up' : 'down'));
      await store.appendChange(change('api'));
    }
    const first = await store.history({ service: 'plex', limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.items.every((c) => c.service === 'plex')).toBe(true);
    expect(
      compareChangeIds(first.items[0]!.id, first.items[1]!.id),
    ).toBeGreaterThan(0);
    const second = await store.history({
      service: 'plex',
      limit: 3,
      cursor: first.nextCursor!,
    });
    const third = await store.history({
      service: 'plex',
      limit: 3,
      cursor: second.nextCursor!,
    });
    expect(third.items).toHaveLength(1);
    expect(third.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map(
      (c) => c.id,
    );
    expect(new Set(ids).size).toBe(7);
    const everything = await store.history({ limit: 100 });
    expect(everything.items).toHaveLength(14);
    expect(everything.nextCursor).toBeNull();
  });

  it('says when changes after an id were trimmed from the history', async () => {
    const first = await store.appendChange(change('first'));
    for (let i = 0; i < 300; i++) await store.appendChange(change(`s${i}`));
    const last = await store.appendChange(change('last'));

    const stale = await store.readAfter(first.id);
    expect(stale.expired).toBe(true);
    expect(stale.items.at(-1)).toEqual(last);
    expect((await store.readAfter('0')).expired).toBe(true);

    const { items: kept } = await store.readAfter('0');
    const oldest = kept[0]!;
    // Resuming from a retained id misses nothing: not expired.
    const fresh = await store.readAfter(oldest.id);
    expect(fresh).toEqual({ items: kept.slice(1), expired: false });
  });

  it('reads nothing as expired before any trimming', async () => {
    expect(await store.readAfter('0')).toEqual({ items: [], expired: false });
    await store.appendChange(change('a'));
    expect((await store.readAfter('0-0')).expired).toBe(false);
    expect((await store.readNotificationsAfter('0')).expired).toBe(false);
  });

  it('persists notifications in order and reads them after an id', async () => {
    const first = await store.appendNotification(notification('down'));
    const second = await store.appendNotification(notification('recovered'));
    const third = await store.appendNotification(notification('down'));
    expect(await store.readNotificationsAfter(first.id)).toEqual({
      items: [second, third],
      expired: false,
    });
    expect(await store.readNotificationsAfter(third.id)).toEqual({
      items: [],
      expired: false,
    });
    const [read] = (await store.readNotificationsAfter(second.id)).items;
    expect(read?.at).toBeInstanceOf(Date);
    expect(await store.lastNotificationId()).toBe(third.id);
    await expect(store.readNotificationsAfter('x')).rejects.toMatchObject({
      code: 'BAD_CHANGE_ID',
    });
  });

  it('reads the newest notifications, newest first', async () => {
    expect(await store.recentNotifications(5)).toEqual([]);
    const written = [];
    for (let i = 0; i < 4; i++) {
      written.push(await store.appendNotification(notification('down')));
    }
    const newestFirst = [...written].reverse();
    expect(await store.recentNotifications(2)).toEqual(newestFirst.slice(0, 2));
    expect(await store.recentNotifications(10)).toEqual(newestFirst);
    expect((await store.recentNotifications(1))[0]?.at).toBeInstanceOf(Date);
  });

  it('says when notifications after an id were trimmed', async () => {
    const first = await store.appendNotification(notification('down'));
    for (let i = 0; i < 300; i++) {
      await store.appendNotification(notification('recovered'));
    }
    expect((await store.readNotificationsAfter(first.id)).expired).toBe(true);
  });

  it('keeps a given id when it is newer, else assigns a fresh one', async () => {
    const first = await store.appendChange(change('a'));
    const kept = await store.appendChange(change('b'), '99999999999999-7');
    expect(kept.id).toBe('99999999999999-7');
    const fresh = await store.appendChange(change('c'), first.id);
    expect(compareChangeIds(fresh.id, kept.id)).toBeGreaterThan(0);
  });

  it('appends entries made elsewhere only onto the feeds they followed', async () => {
    const seen = await store.appendChange(change('a'));
    const note = await store.appendNotification(notification('down'));
    const after = { change: seen.id, notification: note.id };
    const made = (offset: number) => ({
      changes: [{ ...change('b'), id: `${Date.now() + offset}-0` }],
      notifications: [
        { ...notification('recovered'), id: `${Date.now() + offset}-1` },
      ],
    });
    const first = made(1_000);
    expect(await store.appendIfUnchanged({ after, ...first })).toBe(true);
    expect((await store.readAfter(seen.id)).items).toEqual(first.changes);
    expect((await store.readNotificationsAfter(note.id)).items).toEqual(
      first.notifications,
    );

    // The feeds moved on since `after`: nothing of the second batch lands.
    const second = made(2_000);
    expect(await store.appendIfUnchanged({ after, ...second })).toBe(false);
    expect(await store.lastChangeId()).toBe(first.changes[0]!.id);
    expect(await store.lastNotificationId()).toBe(first.notifications[0]!.id);
    const onlyNotes = { change: first.changes[0]!.id, notification: note.id };
    expect(await store.appendIfUnchanged({ after: onlyNotes, ...second })).toBe(
      false,
    );
    expect(await store.lastChangeId()).toBe(first.changes[0]!.id);
  });

  it('appends entries made elsewhere onto feeds that hold nothing', async () => {
    const after = { change: '1000-0', notification: '1000-0' };
    const changes = [{ ...change('a'), id: '2000-0' }];
    const notifications = [{ ...notification('down'), id: '2000-1' }];
    expect(
      await store.appendIfUnchanged({ after, changes, notifications }),
    ).toBe(true);
    expect((await store.readAfter('0')).items).toEqual(changes);
    expect((await store.readNotificationsAfter('0')).items).toEqual(
      notifications,
    );
  });

  it('rejects a malformed id with a typed error', async () => {
    await expect(store.readAfter('yesterday')).rejects.toMatchObject({
      code: 'BAD_CHANGE_ID',
    });
    await expect(
      store.history({ limit: 1, cursor: 'x' }),
    ).rejects.toMatchObject({ code: 'BAD_CHANGE_ID' });
  });
});

describe('status time to live', () => {
  it('expires memory statuses after the ttl', async () => {
    let now = 1_000_000;
    const store = new MemoryStore({ statusTtlMs: 1_000, clock: () => now });
    await store.putStatuses([status('plex')]);
    now += 999;
    expect(await store.getStatus('plex')).toBeDefined();
    now += 1;
    expect(await store.getStatus('plex')).toBeUndefined();
    expect(await store.listStatuses()).toEqual([]);
  });

  it('sets the Redis key ttl', async () => {
    const keyPrefix = uniquePrefix('ttl');
    prefixes.push(keyPrefix);
    const store = new RedisStore({ redis, keyPrefix, statusTtlMs: 300_000 });
    await store.putStatuses([status('plex')]);
    const ttl = await redis.pttl(store.keys.status('plex'));
    expect(ttl).toBeGreaterThan(290_000);
    expect(ttl).toBeLessThanOrEqual(300_000);
  });
});
