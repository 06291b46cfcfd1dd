import { silentLogger } from '@medianest/kuma-client';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/MemoryStore';
import { SharedStoreSync } from '../src/SharedStoreSync';
import type {
  NewStatusChange,
  NewStatusNotification,
  UnsharedEntries,
} from '../src/StatusStore';
import type {
  ServiceStatus,
  StatusChange,
  StatusNotification,
} from '../src/types';
import { storedStatus } from './engineHelpers';
import { warningLogger } from './partitionFixture';

/** A shared store that answers only as many writes as it is allowed. */
class FlakyStore extends MemoryStore {
  writesLeft = Infinity;
  /** Appends to the feeds that land but fail, as after a timeout. */
  repliesLost = 0;

  override putStatuses(statuses: readonly ServiceStatus[]): Promise<void> {
    return this.spend(() => super.putStatuses(statuses));
  }

  override appendChange(
    change: NewStatusChange,
    id?: string,
  ): Promise<StatusChange> {
    return this.land(() => super.appendChange(change, id));
  }

  override appendNotification(
    notification: NewStatusNotification,
    id?: string,
  ): Promise<StatusNotification> {
    return this.land(() => super.appendNotification(notification, id));
  }

  override appendIfUnchanged(entries: UnsharedEntries): Promise<boolean> {
    return this.land(() => super.appendIfUnchanged(entries));
  }

  private async land<TValue>(write: () => Promise<TValue>): Promise<TValue> {
    const value = await this.spend(write);
    if (this.repliesLost === 0) return value;
    this.repliesLost -= 1;
    throw new Error('Command timed out');
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

function notification(kind: 'down' | 'recovered'): NewStatusNotification {
  const title = kind === 'down' ? 'Plex is down' : 'Plex is up again';
  return {
    at: new Date(),
    kind,
    service: 'plex',
    displayName: 'Plex',
    title,
    message: '',
  };
}

/** What a feed holds, ids aside: a copy may have landed under a fresh one. */
async function contents(store: MemoryStore) {
  const { items: changes } = await store.readAfter('0');
  const { items: notifications } = await store.readNotificationsAfter('0');
  return [...changes, ...notifications].map(({ id: _id, ...entry }) => entry);
}

/** A sync of `shared` and `local`, with a lease to take away. */
function syncOf(shared: MemoryStore, local = new MemoryStore()) {
  const lease = { held: true, confirm: () => Promise.resolve(lease.held) };
  const { warnings, logger } = warningLogger();
  const sync = new SharedStoreSync({
    store: shared,
    local,
    logger,
    lease: () => lease,
    current: new Map(),
  });
  return { sync, local, lease, warnings };
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
  const { sync, lease, warnings } = syncOf(shared, local);
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

/**
 * Brings `shared` back for a catch-up whose first write lands but goes
 * unanswered, then for the next one.
 */
async function catchUpLosingAReply(shared: FlakyStore, sync: SharedStoreSync) {
  shared.repliesLost = 1;
  await sync.write([]);
  expect(sync.storeHealthy).toBe(false);
  await sync.write([]);
  expect(sync.storeHealthy).toBe(true);
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

  it('copies what it published while its lease was briefly out', async () => {
    const shared = new MemoryStore();
    const { sync, local, lease } = syncOf(shared);
    // Out by the clock and renewed before any lapse was reported, as when
    // a renewal's reply comes in ahead of a late lease timer.
    lease.held = false;
    await sync.appendChange(change('down'));
    lease.held = true;
    await sync.appendChange(change('up'));

    await sync.write([]);
    expect((await shared.readAfter('0')).items).toEqual(
      (await local.readAfter('0')).items,
    );
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

  it('does not copy again a write that landed though its reply was lost', async () => {
    const shared = new FlakyStore();
    const { sync, local } = syncOf(shared);
    shared.repliesLost = 1;
    await sync.appendChange(change('down'));
    await sync.appendNotification(notification('down'));
    expect(sync.storeHealthy).toBe(false);

    await sync.write([]);
    expect(sync.storeHealthy).toBe(true);
    expect(await contents(shared)).toEqual(await contents(local));
  });

  it('does not copy again a copy that landed though its reply was lost', async () => {
    const shared = new FlakyStore();
    const { sync, local } = syncOf(shared);
    shared.writesLeft = 0;
    await sync.appendChange(change('down'));
    await sync.appendChange(change('up'));
    await sync.appendNotification(notification('recovered'));

    shared.writesLeft = Infinity;
    await catchUpLosingAReply(shared, sync);
    expect(await shared.readAfter('0')).toEqual(await local.readAfter('0'));
    expect(await contents(shared)).toEqual(await contents(local));
  });

  it('after isolation, copies after a landed write the store stamped later', async () => {
    let now = 1_000_000;
    // The store's clock (Redis's) runs ahead of this copy's.
    const shared = new FlakyStore({ clock: () => now + 5_000 });
    const local = new MemoryStore({ clock: () => now });
    const { sync, lease, warnings } = syncOf(shared, local);
    const isolated = async (publish: () => Promise<unknown>) => {
      lease.held = false;
      sync.isolate();
      now += 1;
      await publish();
      lease.held = true;
      await sync.write([]);
    };
    // Lands under the store's id, newer than what this copy stamps next.
    shared.repliesLost = 1;
    await sync.appendChange(change('down'));
    await isolated(() => sync.appendChange(change('up')));
    // Nobody else wrote: this one is copied too.
    await isolated(() => sync.appendChange(change('down')));

    expect(warnings).toEqual([]);
    expect(await contents(shared)).toEqual(await contents(local));
  });

  it('after isolation, takes a copy that landed for its own', async () => {
    const shared = new FlakyStore();
    const { sync, local, lease, warnings } = syncOf(shared);
    await sync.appendChange(change('up'));
    lease.held = false;
    sync.isolate();
    await sync.appendChange(change('down'));
    await sync.appendNotification(notification('down'));

    lease.held = true;
    await catchUpLosingAReply(shared, sync);
    expect(warnings).toEqual([]);
    expect(await contents(shared)).toEqual(await contents(local));
  });
});
