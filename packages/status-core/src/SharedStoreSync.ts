import type { Logger } from '@medianest/kuma-client';
import { compareChangeIds, nextChangeId } from './changeId';
import { findLanded } from './findLanded';
import type { WriteLease } from './LeaderLock';
import type { MemoryStore } from './MemoryStore';
import { StatusCoreError } from './StatusCoreError';
import type {
  NewStatusChange,
  NewStatusNotification,
  StatusStore,
  UnsharedEntries,
} from './StatusStore';
import type { ServiceStatus, StatusChange, StatusNotification } from './types';

export interface SharedStoreSyncOptions {
  /** The shared store (Redis) or the local one itself. */
  store: StatusStore;
  /** This process's copy; answers while `store` is unreachable. */
  local: MemoryStore;
  logger: Logger;
  /**
   * The leader lock, when instances share the store: nothing is written
   * to the store without it. Read when writing (the lock comes later).
   */
  lease?: () => WriteLease | undefined;
  /** The publisher's statuses, all rewritten once the store is back. */
  current: ReadonlyMap<string, ServiceStatus>;
}

/** Entries published here, oldest first, to be copied into the store. */
type LocalEntries = Omit<UnsharedEntries, 'after'>;

/** The newest change and notification ids of a feed, null before any. */
export interface FeedPosition {
  change: string | null;
  notification: string | null;
}

/**
 * Writes through to this process's memory copy and to the shared store,
 * and keeps the two in step: it tracks the newest entries here and the
 * newest known to be shared, writes nothing shared without the lease, and
 * copies what was published only here into the store once it is back,
 * unless that would contradict what another instance wrote meanwhile.
 * Callers queue the writes; nothing here orders them.
 */
export class SharedStoreSync {
  private lastChange: string | null = null;
  private lastNotification: string | null = null;
  /** Last change id known to be in the shared store, as this copy has it. */
  private sharedChange: string | null = null;
  private sharedNotification: string | null = null;
  /**
   * The ids the store has for those entries. The same, unless the store
   * handed out an id no newer than one this copy holds already (one left
   * out of the store, stamped by a clock ahead of Redis's): this copy
   * then gives the entry its own, and only the store's tells whether
   * someone else wrote after it.
   */
  private storeIds: FeedPosition = { change: null, notification: null };
  /** The newest entries that are never to be copied into the store. */
  private abandoned: FeedPosition = { change: null, notification: null };
  /**
   * Set while isolated (the lease lapsed). Nothing reaches the store
   * meanwhile, so `storeIds` stays where isolation found it, and what was
   * published after that is copied only if the store's feeds end there.
   */
  private isolated = false;
  private healthy = true;

  constructor(private readonly opts: SharedStoreSyncOptions) {}

  get storeHealthy(): boolean {
    return this.healthy;
  }

  get lastChangeId(): string | null {
    return this.lastChange;
  }

  get lastNotificationId(): string | null {
    return this.lastNotification;
  }

  /** Positions the feed after entries that were delivered elsewhere. */
  seedIds(ids: FeedPosition): void {
    this.lastChange = maxId(this.lastChange, ids.change);
    this.sharedChange = maxId(this.sharedChange, ids.change);
    this.lastNotification = maxId(this.lastNotification, ids.notification);
    this.sharedNotification = maxId(this.sharedNotification, ids.notification);
    this.storeIds = {
      change: maxId(this.storeIds.change, ids.change),
      notification: maxId(this.storeIds.notification, ids.notification),
    };
  }

  /** Moves past a change read from the store; false when not newer. */
  ingestChange(id: string): boolean {
    if (!isNew(id, this.lastChange)) return false;
    this.lastChange = id;
    this.sharedChange = id;
    this.storeIds.change = id;
    return true;
  }

  /** Like `ingestChange`, for notifications. */
  ingestNotification(id: string): boolean {
    if (!isNew(id, this.lastNotification)) return false;
    this.lastNotification = id;
    this.sharedNotification = id;
    this.storeIds.notification = id;
    return true;
  }

  /** Marks the point after which publishing is copied only if unchanged. */
  isolate(): void {
    this.isolated = true;
    this.healthy = false;
  }

  /** See `StatusPublisher.abandonUnshared`. */
  abandonUnshared(): void {
    this.abandoned = {
      change: this.lastChange,
      notification: this.lastNotification,
    };
    this.isolated = false;
    // Following reads the store after these, so they are the store's ids.
    this.lastChange = this.storeIds.change;
    this.lastNotification = this.storeIds.notification;
    // While following, the tail tells whether the store can be read.
    this.healthy = true;
  }

  async appendChange(change: NewStatusChange): Promise<StatusChange> {
    const shared = await this.tryStore((store) => store.appendChange(change));
    const stored = await this.opts.local.appendChange(change, shared?.id);
    if (shared) {
      this.sharedChange = stored.id;
      this.storeIds.change = shared.id;
    }
    this.lastChange = stored.id;
    return stored;
  }

  async appendNotification(
    notification: NewStatusNotification,
  ): Promise<StatusNotification> {
    const shared = await this.tryStore((store) =>
      store.appendNotification(notification),
    );
    const local = this.opts.local;
    const stored = await local.appendNotification(notification, shared?.id);
    if (shared) {
      this.sharedNotification = stored.id;
      this.storeIds.notification = shared.id;
    }
    this.lastNotification = stored.id;
    return stored;
  }

  async write(statuses: readonly ServiceStatus[]): Promise<void> {
    await this.opts.local.putStatuses(statuses);
    if (this.opts.store === this.opts.local) return;
    const wasHealthy = this.healthy;
    // Back from an outage: still leading is checked before anything of it
    // is written, as another instance may have taken over meanwhile.
    if (!wasHealthy && !(await this.confirmLease())) return;
    const all = wasHealthy ? statuses : [...this.opts.current.values()];
    const done = await this.tryStore(async (store) => {
      await store.putStatuses(all);
      return true;
    }, true);
    if (done && !wasHealthy) await this.catchUp();
  }

  private async confirmLease(): Promise<boolean> {
    const lease = this.opts.lease?.();
    return lease === undefined || (await lease.confirm());
  }

  /** Copies what was published while the shared store was away into it. */
  private async catchUp(): Promise<void> {
    const entries = await this.dropLanded(await this.unshared());
    if (entries === undefined) return;
    const copied = this.isolated
      ? await this.copyIfUnchanged(entries)
      : await this.copyEach(entries);
    if (!copied) return;
    this.sharedChange = this.lastChange;
    this.sharedNotification = this.lastNotification;
    const caughtUp = entries.changes.length + entries.notifications.length;
    this.opts.logger.info({ caughtUp }, 'status store is back');
  }

  /** What was published here after the newest entries known shared. */
  private async unshared(): Promise<LocalEntries> {
    const { local } = this.opts;
    const { items: changes } = await local.readAfter(
      maxId(this.sharedChange, this.abandoned.change) ?? '0',
    );
    const { items: notifications } = await local.readNotificationsAfter(
      maxId(this.sharedNotification, this.abandoned.notification) ?? '0',
    );
    return { changes, notifications };
  }

  /**
   * Leaves out of `entries` what the store holds already, counting it as
   * shared (see `findLanded`); undefined when the store does not answer.
   */
  private async dropLanded(
    entries: LocalEntries,
  ): Promise<LocalEntries | undefined> {
    const { change, notification } = this.storeIds;
    const landed = await this.tryStore(async (store) => ({
      changes: await findLanded(entries.changes, (limit) =>
        store.readAfter(change ?? '0', limit),
      ),
      notifications: await findLanded(entries.notifications, (limit) =>
        store.readNotificationsAfter(notification ?? '0', limit),
      ),
    }));
    if (landed === undefined) return undefined;
    for (const [own, stored] of landed.changes) {
      this.sharedChange = own.id;
      this.storeIds.change = stored.id;
    }
    for (const [own, stored] of landed.notifications) {
      this.sharedNotification = own.id;
      this.storeIds.notification = stored.id;
    }
    return {
      changes: entries.changes.slice(landed.changes.length),
      notifications: entries.notifications.slice(landed.notifications.length),
    };
  }

  /**
   * Appends the entries one at a time, with their ids. Each one copied
   * counts as shared at once: should the store fail again midway, the
   * next catch-up starts after the last one that landed.
   */
  private async copyEach(entries: LocalEntries): Promise<boolean> {
    for (const { id, ...change } of entries.changes) {
      const copied = await this.tryStore((store) =>
        store.appendChange(change, id),
      );
      if (copied === undefined) return false;
      this.sharedChange = id;
      this.storeIds.change = copied.id;
    }
    for (const { id, ...notification } of entries.notifications) {
      const copied = await this.tryStore((store) =>
        store.appendNotification(notification, id),
      );
      if (copied === undefined) return false;
      this.sharedNotification = id;
      this.storeIds.notification = copied.id;
    }
    return true;
  }

  /**
   * After isolation: all of the entries, or none if the feeds moved. They
   * keep their ids where newer than the store's newest; one that landed
   * under a later id of Redis's clock can leave them older.
   */
  private async copyIfUnchanged(entries: LocalEntries): Promise<boolean> {
    const after = { ...this.storeIds };
    const copy = {
      changes: renumberAfter(entries.changes, after.change),
      notifications: renumberAfter(entries.notifications, after.notification),
    };
    const copied = await this.tryStore((store) =>
      store.appendIfUnchanged({ after, ...copy }),
    );
    if (copied === undefined) return false;
    this.isolated = false;
    if (copied) {
      this.storeIds = {
        change: copy.changes.at(-1)?.id ?? after.change,
        notification: copy.notifications.at(-1)?.id ?? after.notification,
      };
      return true;
    }
    await this.leaveOut(entries.changes.length + entries.notifications.length);
    return false;
  }

  /**
   * Another instance wrote to the feeds while this one was isolated, so
   * what this one published meanwhile would contradict it: it stays out
   * of the store for good, and new entries go after the store's newest.
   */
  private async leaveOut(count: number): Promise<void> {
    this.abandoned = {
      change: this.lastChange,
      notification: this.lastNotification,
    };
    const ids = await this.tryStore(async (store) => ({
      change: await store.lastChangeId(),
      notification: await store.lastNotificationId(),
    }));
    if (ids) this.seedIds(ids);
    if (count === 0) return;
    this.opts.logger.warn(
      { leftOut: count },
      'the shared feed changed while this instance could not write to it; ' +
        'what it published meanwhile stays out of the shared history',
    );
  }

  private async tryStore<TValue>(
    run: (store: StatusStore) => Promise<TValue>,
    probe = false,
  ): Promise<TValue | undefined> {
    const { store, local } = this.opts;
    if (store === local || (!this.healthy && !probe)) return undefined;
    // A lapsed lease writes nothing shared, even with Redis reachable. It
    // may be renewed before any lapse is reported: what it kept out is
    // copied once a write confirms it, as after an outage.
    if (this.opts.lease?.()?.held === false) {
      this.healthy = false;
      return undefined;
    }
    try {
      const value = await run(store);
      this.healthy = true;
      return value;
    } catch (error) {
      if (this.healthy) {
        this.opts.logger.error(
          { err: StatusCoreError.from(error, 'STORE_UNAVAILABLE') },
          'status store unreachable; serving from memory until it returns',
        );
      }
      this.healthy = false;
      return undefined;
    }
  }
}

function isNew(id: string, last: string | null): boolean {
  return last === null || compareChangeIds(id, last) > 0;
}

/** `entries` with ids that each follow `last`, theirs where they do. */
function renumberAfter<TEntry extends { id: string }>(
  entries: readonly TEntry[],
  last: string | null,
): TEntry[] {
  return entries.map((entry) => {
    // At time 0, the id right after `last`, in the same millisecond.
    const id = isNew(entry.id, last) ? entry.id : nextChangeId(last, 0);
    last = id;
    return { ...entry, id };
  });
}

function maxId(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareChangeIds(a, b) >= 0 ? a : b;
}
