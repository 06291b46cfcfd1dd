import { isVisibleChange } from './isVisibleChange';
import type { AlertHistory, NotificationPolicy } from './NotificationPolicy';
import {
  type FeedPosition,
  SharedStoreSync,
  type SharedStoreSyncOptions,
} from './SharedStoreSync';
import type {
  NotificationKind,
  ServiceStatus,
  StatusChange,
  StatusNotification,
} from './types';

/** `store`, `local`, `lease` and `logger` as for `SharedStoreSync`. */
export interface StatusPublisherOptions extends Omit<
  SharedStoreSyncOptions,
  'current'
> {
  policy: NotificationPolicy;
  clock: () => number;
  noiseMs: number;
}

type Listener<TValue> = (value: TValue) => void;

/**
 * Holds the current statuses, turns visible changes into feed entries and
 * notifications, persists them and tells local listeners exactly once.
 * Writes are queued so ids and deliveries keep their order; what reaches
 * the shared store, and when, is `SharedStoreSync`'s.
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
  private readonly sync: SharedStoreSync;

  constructor(private readonly opts: StatusPublisherOptions) {
    this.sync = new SharedStoreSync({ ...opts, current: this.current });
  }

  get storeHealthy(): boolean {
    return this.sync.storeHealthy;
  }

  get lastChangeId(): string | null {
    return this.sync.lastChangeId;
  }

  get lastNotificationId(): string | null {
    return this.sync.lastNotificationId;
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
    this.sync.seedIds(ids);
  }

  /** Publishes what visibly changed; resolves with those statuses. */
  publish(statuses: readonly ServiceStatus[]): Promise<ServiceStatus[]> {
    return this.enqueue(async () => {
      const changed: ServiceStatus[] = [];
      for (const status of statuses) {
        if (await this.publishOne(status)) changed.push(status);
      }
      if (statuses.length > 0) await this.sync.write(statuses);
      return changed;
    });
  }

  /** Announces the end of flapping for services that settled. */
  settle(): Promise<void> {
    return this.enqueue(async () => {
      const now = this.opts.clock();
      for (const { service, ...cause } of this.opts.policy.settle(now)) {
        const status = this.current.get(service);
        if (status) await this.notify(status, cause);
      }
    });
  }

  /** Delivers a change another instance published (follower). */
  ingestChange(change: StatusChange): void {
    if (!this.sync.ingestChange(change.id)) return;
    this.current.set(change.service, change.status);
    this.announced.set(change.service, change.status);
    this.opts.policy.seed(change.service, change.status.status);
    void this.opts.local.appendChange(change, change.id);
    this.emit(this.changeListeners, change);
  }

  /** Delivers a notification another instance published (follower). */
  ingestNotification(notification: StatusNotification): void {
    if (!this.sync.ingestNotification(notification.id)) return;
    void this.opts.local.appendNotification(notification, notification.id);
    this.emit(this.notificationListeners, notification);
  }

  /** Rewrites every current status (TTL refresh, catch-up after outage). */
  flush(): Promise<void> {
    return this.enqueue(() => this.sync.write([...this.current.values()]));
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
   * store's feeds changed in between (see `SharedStoreSync`).
   */
  isolate(): Promise<void> {
    return this.enqueue(() => {
      this.sync.isolate();
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
    this.sync.abandonUnshared();
  }

  private async publishOne(status: ServiceStatus): Promise<boolean> {
    const previous = this.announced.get(status.service);
    this.current.set(status.service, status);
    const noiseMs = this.opts.noiseMs;
    if (!isVisibleChange({ previous, next: status, noiseMs })) return false;

    this.announced.set(status.service, status);
    const at = new Date(this.opts.clock());
    const change = await this.sync.appendChange({
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
      changeId: change.id,
    });
    if (kind !== null) await this.notify(status, { kind, changeId: change.id });
    return true;
  }

  /** Announces `status`; `changeId` is the change that brought it. */
  private async notify(
    status: ServiceStatus,
    cause: { kind: NotificationKind; changeId?: string },
  ): Promise<void> {
    const { kind, changeId } = cause;
    const notification = await this.sync.appendNotification({
      at: new Date(this.opts.clock()),
      kind,
      service: status.service,
      displayName: status.displayName,
      ...notificationText(status, kind),
      ...(changeId === undefined ? {} : { changeId }),
    });
    this.emit(this.notificationListeners, notification);
  }

  private enqueue<TValue>(run: () => Promise<TValue>): Promise<TValue> {
    const next = this.queue.then(run);
    this.queue = next.catch(() => undefined);
    return next;
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
