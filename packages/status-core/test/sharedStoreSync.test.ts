import { silentLogger } from '@medianest/kuma-client';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/MemoryStore';
import { SharedStoreSync } from '../src/SharedStoreSync';
import type { NewStatusChange } from '../src/StatusStore';
import type { ServiceStatus, StatusChange } from '../src/types';
import { storedStatus } from './engineHelpers';
import { warningLogger } from './partitionFixture';

/** A shared store that answers only as many writes as it is allowed. */
class FlakyStore extends MemoryStore {
  writesLeft = Infinity;

  override putStatuses(statuses: readonly ServiceStatus[]): Promise<void> {
    return this.spend(() => super.putStatuses(statuses));
  }

  override appendChange(
    change: NewStatusChange,
    id?: string,
  ): Promise<StatusChange> {
    return this.spend(() => super.appendChange(change, id));
  }

  private spend<TValue>(write: () => Promise<TValue>): Promise<TValue> {
    if (this.writesLeft <= 0) return Promise.reject(new Error('store down'));
    this.writesLeft -= 1;
    return write();
  }
}

function change(state: 'up' | 'down'): NewStatusChange {
  const status = storedStatus('plex', state);
  return { at: new Date(), service: 'plex', previous: null, status };
}

/**
 * A sync whose clock runs 5 s ahead of the store's (Redis's, which stamps
 * the store's ids), once it has left out what it published while isolated
 * and then published `next`, which the store gave an id older than one
 * this copy held already.
 */
async function aheadOfTheStore() {
  let now = 1_000_000;
  const shared = new MemoryStore({ clock: () => now - 5_000 });
  const local = new MemoryStore({ clock: () => now });
  const lease = { held: true, confirm: () => Promise.resolve(lease.held) };
  const { warnings, logger } = warningLogger();
  const sync = new SharedStoreSync({
    store: shared,
    local,
    logger,
    lease: () => lease,
    current: new Map(),
  });
  const isolated = async (publish: () => Promise<void>) => {
    lease.held = false;
    sync.isolate();
    await publish();
    lease.held = true;
    await sync.write([]);
  };
  const tick = () => (now += 1);

  // Another instance writes meanwhile: what this one published stays out.
  await isolated(async () => {
    await sync.appendChange(change('down'));
    await shared.appendChange(change('up'));
  });
  expect(warnings).toHaveLength(1);
  tick();
  const next = await sync.appendChange(change('down'));
  const nextInStore = await shared.lastChangeId();
  expect(nextInStore).not.toBe(next.id);
  return { sync, shared, warnings, isolated, tick, nextInStore };
}

describe('SharedStoreSync', () => {
  it('copies what the store missed even when it fails again mid-copy', async () => {
    const shared = new FlakyStore();
    const local = new MemoryStore();
    const sync = new SharedStoreSync({
      store: shared,
      local,
      logger: silentLogger,
      current: new Map(),
    });

    shared.writesLeft = 0;
    const published = [
      await sync.appendChange(change('down')),
      await sync.appendChange(change('up')),
      await sync.appendChange(change('down')),
    ];
    expect(sync.storeHealthy).toBe(false);

    // Back for the statuses and the first copied change only.
    shared.writesLeft = 2;
    await sync.write([]);
    expect(sync.storeHealthy).toBe(false);
    expect((await shared.readAfter('0')).items).toEqual(published.slice(0, 1));

    shared.writesLeft = Infinity;
    await sync.write([]);
    expect(sync.storeHealthy).toBe(true);
    expect((await shared.readAfter('0')).items).toEqual(published);
  });

  it('copies isolated entries after the ids the store gave', async () => {
    const { sync, shared, warnings, isolated, tick, nextInStore } =
      await aheadOfTheStore();
    // Nobody else writes this time: all of it is copied.
    let alone: StatusChange | undefined;
    await isolated(async () => {
      tick();
      alone = await sync.appendChange(change('up'));
    });
    expect(warnings).toHaveLength(1);
    expect((await shared.readAfter(nextInStore ?? '0')).items).toEqual([alone]);
  });

  it('follows from the id the store gave the last entry shared', async () => {
    const { sync, nextInStore } = await aheadOfTheStore();
    sync.abandonUnshared();
    expect(sync.lastChangeId).toBe(nextInStore);
  });
});
