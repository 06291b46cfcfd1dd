import { silentLogger } from '@medianest/kuma-client';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/MemoryStore';
import { RedisStore } from '../src/RedisStore';
import { SharedStoreSync } from '../src/SharedStoreSync';
import type { NewStatusChange } from '../src/StatusStore';
import { storedStatus } from './engineHelpers';
import { testRedis } from './redisHelpers';

const { redis, prefix } = testRedis();

/**
 * `redis`, but each XADD lands and then, while `late.left` counts down,
 * fails, as when Redis answers only after the command timeout.
 */
function answeringLate(connection: Redis, late: { left: number }): Redis {
  const add = connection.xadd.bind(connection) as (
    ...args: (string | number)[]
  ) => Promise<string | null>;
  const xadd = async (...args: (string | number)[]) => {
    const id = await add(...args);
    if (late.left === 0) return id;
    late.left -= 1;
    throw new Error('Command timed out');
  };
  return new Proxy(connection, {
    get: (target, key) =>
      key === 'xadd' ? xadd : (Reflect.get(target, key) as unknown),
  });
}

function change(state: 'up' | 'down'): NewStatusChange {
  const status = storedStatus('plex', state);
  return { at: new Date(), service: 'plex', previous: 'up', status };
}

/** A store's changes, ids aside: a copy may have landed under a fresh one. */
async function changesOf(store: RedisStore | MemoryStore) {
  const { items } = await store.readAfter('0');
  return items.map(({ id: _id, ...entry }) => entry);
}

describe('RedisStore', () => {
  it('fails a write with an id that may have landed, and adds it no more', async () => {
    const keyPrefix = prefix('late');
    const late = answeringLate(redis, { left: 1 });
    const store = new RedisStore({ redis: late, keyPrefix });
    const down = change('down');
    await expect(store.appendChange(down, '1000-0')).rejects.toMatchObject({
      name: 'StatusCoreError',
      code: 'STORE_UNAVAILABLE',
    });
    expect((await store.readAfter('0')).items).toEqual([
      { ...down, id: '1000-0' },
    ]);
  });

  it('leaves a catch-up to copy what timed out, once', async () => {
    const late = { left: 1 };
    const store = new RedisStore({
      redis: answeringLate(redis, late),
      keyPrefix: prefix('catch-up'),
    });
    const local = new MemoryStore();
    const sync = new SharedStoreSync({
      store,
      local,
      logger: silentLogger,
      current: new Map(),
    });
    await sync.appendChange(change('down'));
    await sync.appendChange(change('up'));
    expect(sync.storeHealthy).toBe(false);

    // Back, and the copy of the second change times out too.
    late.left = 1;
    await sync.write([]);
    expect(sync.storeHealthy).toBe(false);
    await sync.write([]);
    expect(sync.storeHealthy).toBe(true);
    expect(await changesOf(store)).toEqual(await changesOf(local));
  });

  it('copies after isolation behind a write Redis stamped later', async () => {
    const late = { left: 1 };
    const store = new RedisStore({
      redis: answeringLate(redis, late),
      keyPrefix: prefix('isolated'),
    });
    // This copy's clock runs behind Redis's.
    const local = new MemoryStore({ clock: () => Date.now() - 60_000 });
    const lease = { held: true, confirm: () => Promise.resolve(true) };
    const sync = new SharedStoreSync({
      store,
      local,
      logger: silentLogger,
      lease: () => lease,
      current: new Map(),
    });
    await sync.appendChange(change('down'));
    lease.held = false;
    sync.isolate();
    await sync.appendChange(change('up'));

    lease.held = true;
    await sync.write([]);
    expect(sync.storeHealthy).toBe(true);
    expect(await changesOf(store)).toEqual(await changesOf(local));
  });
});
