import type { Logger } from '@medianest/kuma-client';
import { compareChangeIds } from './changeId';
import { isVisibleChange } from './isVisibleChange';
import type { WriteLease } from './LeaderLock';
import type { MemoryStore } from './MemoryStore';
import type { AlertHistory, NotificationPolicy } from './NotificationPolicy';
import { StatusCoreError } from './StatusCoreError';
import type {
  NewStatusChange,
  NewStatusNotification,
  StatusStore,
} from './StatusStore';
import type {
  NotificationKind,
  ServiceStatus,
  StatusChange,
  StatusNotification,
} from './types';

export interface StatusPublisherOptions {
  /** The shared store (Redis) or the local one itself. */
  store: StatusStore;
  /** This process's copy; answers while `store` is unreachable. */
  local: MemoryStore;
  policy: NotificationPolicy;
  logger: Logger;
  clock: () => number;
  noiseMs: number;
  /**
   * The leader lock, when instances share the store: nothing is written
   * to the store without it. Read when writing (the lock comes later).
   */
  lease?: () => WriteLease | undefined;
}

type Listener<TValue> = (value: TValue) => void;

/** The newest change and notification ids of a feed, null before any. */
interface FeedPosition {
  change: string | null;
  notification: string | null;
}

/**
 * Holds the current statuses, turns visible changes into feed entries and
 * notifications, persists them and tells local listeners exactly once.
 * Writes are queued so ids and deliveries keep their order.
 */
export class StatusPublisher {
  /** Latest status per service, including silent refreshes. */
  readonly current = new Map<string, ServiceStatus>();
  /** What the feed last announced per service. */
  private readonly announced = new Map<string, ServiceStatus>();
  private readonly changeListeners = new Set<Listener<StatusChange>>();
  private readonly notificationListeners = new Set<
    Listener<StatusNotification>
  >();
  private queue: Promise<unknown> = Promise.resolve();
  private lastChange: string | null = null;
  private lastNotification: string | null = null;
  /** Last change id known to be in the shared store. */
  private sharedChange: string | null = null;
  private sharedNotification: string | null = null;
  /** The newest entries that are never to be copied into the store. */
  private abandoned: FeedPosition = { change: null, notification: null };
  /**
   * Set while isolated (the lease lapsed): the last shared entries then.
   * What came after them is copied into the store only if it is unchanged.
   */
  private isolatedAfter: FeedPosition | undefined;
  private healthy = true;

  constructor(private readonly opts: StatusPublisherOptions) {}

  get storeHealthy(): boolean {
    return this.healthy;
  }

  get lastChangeId(): string | null {
    return this.lastChange;
  }

  get lastNotificationId(): string | null {
    return this.lastNotification;
  }

  onChange(listener: Listener<StatusChange>): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onNotification(listener: Listener<StatusNotification>): () => void {
    this.notificationListeners.add(listener);
    return () => this.notificationListeners.delete(listener);
  }

  /** Takes statuses as already announced: a start or a takeover. */
  seed(statuses: readonly ServiceStatus[]): void {
    for (const status of statuses) {
      this.current.set(status.service, status);
      this.announced.set(status.service, status);
      this.opts.policy.seed(status.service, status.status);
    }
  }

  /**
   * Rebuilds what the policy knows of the seeded services from the shared
   * history (leading from a shared store); others stay as seeded.
   */
  restoreAlerts(histories: ReadonlyMap<string, AlertHistory>): void {
    const now = this.opts.clock();
    for (const [service, status] of this.current) {
      const history = histories.get(service);
      if (history === undefined) continue;
      const state = status.status;
      this.opts.policy.restore({ service, state, now, history });
    }
  }

  /** Positions the feed after entries that were delivered elsewhere. */
  seedIds(ids: FeedPosition): void {
    this.lastChange = maxId(this.lastChange, ids.change);
    this.sharedChange = maxId(this.sharedChange, ids.change);
    this.lastNotification = maxId(this.lastNotification, ids.notification);
    this.sharedNotification = maxId(this.sharedNotification, ids.notification);
  }

  /** Publishes what visibly changed; resolves with those statuses. */
  publish(statuses: readonly ServiceStatus[]): Promise<ServiceStatus[]> {
    return this.enqueue(async () => {
      const changed: ServiceStatus[] = [];
      for (const status of statuses) {
        if (await this.publishOne(status)) changed.push(status);
      }
      if (statuses.length > 0) await this.write(statuses);
      return changed;
    });
  }

  /** Announces the end of flapping for services that settled. */
  settle(): Promise<void> {
    return this.enqueue(async () => {
      for (const { service, kind } of this.opts.policy.settle(
        this.opts.clock(),
      )) {
        const status = this.current.get(service);
        if (status) await this.notify(status, kind);
      }
    });
  }

  /** Delivers a change another instance published (follower). */
  ingestChange(change: StatusChange): void {
    if (!this.isNew(change.id, this.lastChange)) return;
    this.lastChange = change.id;
    this.sharedChange = change.id;
    this.current.set(change.service, change.status);
    this.announced.set(change.service, change.status);
    this.opts.policy.seed(change.service, change.status.status);
    void this.opts.local.appendChange(change, change.id);
    this.emit(this.changeListeners, change);
  }

  /** Delivers a notification another instance published (follower). */
  ingestNotification(notification: StatusNotification): void {
    if (!this.isNew(notification.id, this.lastNotification)) return;
    this.lastNotification = notification.id;
    this.sharedNotification = notification.id;
    void this.opts.local.appendNotification(notification, notification.id);
    this.emit(this.notificationListeners, notification);
  }

  /** Rewrites every current status (TTL refresh, catch-up after outage). */
  flush(): Promise<void> {
    return this.enqueue(() => this.write([...this.current.values()]));
  }

  /** Waits for queued writes. */
  idle(): Promise<void> {
    return this.enqueue(() => Promise.resolve());
  }

  /**
   * The lease lapsed but the source stays open: publishing goes on into
   * memory and to this process's listeners, and nothing reaches the store
   * until the lock is this instance's again. Then `flush()` writes the
   * current statuses and copies what was published meanwhile, unless the
   * store's feeds changed in between (see `catchUp`).
   */
  isolate(): Promise<void> {
    return this.enqueue(() => {
      this.isolatedAfter ??= {
        change: this.sharedChange,
        notification: this.sharedNotification,
      };
      this.healthy = false;
      return Promise.resolve();
    });
  }

  /**
   * After leading ends because another instance holds the lock: what was
   * published only here is never copied into the store, since that
   * instance leads now. The feed position returns to the last shared entry
   * so that following picks up there; until then the local copy answers.
   * This process's listeners may thus hear a transition of the outage
   * twice, once from here and once from the new leader.
   */
  abandonUnshared(): void {
    this.abandoned = {
      change: this.lastChange,
      notification: this.lastNotification,
    };
    this.isolatedAfter = undefined;
    this.lastChange = this.sharedChange;
    this.lastNotification = this.sharedNotification;
    // While following, the tail tells whether the store can be read.
    this.healthy = true;
  }

  private async publishOne(status: ServiceStatus): Promise<boolean> {
    const previous = this.announced.get(status.service);
    this.current.set(status.service, status);
    const noiseMs = this.opts.noiseMs;
    if (!isVisibleChange({ previous, next: status, noiseMs })) return false;

    this.announced.set(status.service, status);
    const at = new Date(this.opts.clock());
    const change = await this.appendChange({
      at,
      service: status.service,
      previous: previous?.status ?? null,
      status,
    });
    this.emit(this.changeListeners, change);

    const kind = this.opts.policy.observe({
      service: status.service,
      state: status.status,
      at: at.getTime(),
    });
    if (kind !== null) await this.notify(status, kind);
    return true;
  }

  private async notify(
    status: ServiceStatus,
    kind: NotificationKind,
  ): Promise<void> {
    const notification = await this.appendNotification({
      at: new Date(this.opts.clock()),
      kind,
      service: status.service,
      displayName: status.displayName,
      ...notificationText(status, kind),
    });
    this.emit(this.notificationListeners, notification);
  }

  private async appendChange(change: NewStatusChange): Promise<StatusChange> {
    const shared = await this.tryStore((store) => store.appendChange(change));
    const stored = await this.opts.local.appendChange(change, shared?.id);
    if (shared) this.sharedChange = stored.id;
    this.lastChange = stored.id;
    return stored;
  }

  private async appendNotification(
    notification: NewStatusNotification,
  ): Promise<StatusNotification> {
    const shared = await this.tryStore((store) =>
      store.appendNotification(notification),
    );
    const local = this.opts.local;
    const stored = await local.appendNotification(notification, shared?.id);
    if (shared) this.sharedNotification = stored.id;
    this.lastNotification = stored.id;
    return stored;
  }

  private async write(statuses: readonly ServiceStatus[]): Promise<void> {
    await this.opts.local.putStatuses(statuses);
    if (this.opts.store === this.opts.local) return;
    const wasHealthy = this.healthy;
    // Back from an outage: still leading is checked before anything of it
    // is written, as another instance may have taken over meanwhile.
    if (!wasHealthy && !(await this.confirmLease())) return;
    const all = wasHealthy ? statuses : [...this.current.values()];
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
    const { local } = this.opts;
    const { items: changes } = await local.readAfter(
      maxId(this.sharedChange, this.abandoned.change) ?? '0',
    );
    const { items: notifications } = await local.readNotificationsAfter(
      maxId(this.sharedNotification, this.abandoned.notification) ?? '0',
    );
    const after = this.isolatedAfter;
    if (after) {
      const copied = await this.tryStore((store) =>
        store.appendIfUnchanged({ after, changes, notifications }),
      );
      if (copied === undefined) return;
      this.isolatedAfter = undefined;
      if (!copied) {
        await this.leaveOut(changes.length + notifications.length);
        return;
      }
    } else {
      for (const { id, ...change } of changes) {
        await this.tryStore((store) => store.appendChange(change, id));
      }
      for (const { id, ...notification } of notifications) {
        await this.tryStore((store) =>
          store.appendNotification(notification, id),
        );
      }
    }
    this.sharedChange = this.lastChange;
    this.sharedNotification = this.lastNotification;
    const caughtUp = changes.length + notifications.length;
    this.opts.logger.info({ caughtUp }, 'status store is back');
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
    // A lapsed lease writes nothing shared, even with Redis reachable.
    if (this.opts.lease?.()?.held === false) return undefined;
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

  private enqueue<TValue>(run: () => Promise<TValue>): Promise<TValue> {
    const next = this.queue.then(run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private isNew(id: string, last: string | null): boolean {
    return last === null || compareChangeIds(id, last) > 0;
  }

  private emit<TValue>(listeners: Set<Listener<TValue>>, value: TValue): void {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (error) {
        this.opts.logger.error({ err: error }, 'status listener threw');
      }
    }
  }
}

const HEADLINES: Record<NotificationKind, string> = {
  down: 'is down',
  recovered: 'is up again',
  degraded: 'is degraded',
  maintenance: 'is under maintenance',
  flapping: 'keeps changing state',
};

/** The headline names the service; the message is only the reason. */
function notificationText(
  status: ServiceStatus,
  kind: NotificationKind,
): { title: string; message: string } {
  const title = `${status.displayName} ${HEADLINES[kind]}`;
  if (kind === 'flapping') {
    return { title, message: 'Further changes are muted until it settles.' };
  }
  return { title, message: status.message ?? '' };
}

function maxId(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareChangeIds(a, b) >= 0 ? a : b;
}
