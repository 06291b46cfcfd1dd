import { BoundedFeed } from './BoundedFeed';
import type { FeedSlice, HistoryPage, HistoryQuery } from './engineApi';
import type {
  NewStatusChange,
  NewStatusNotification,
  StatusStore,
  UnsharedEntries,
} from './StatusStore';
import type { ServiceStatus, StatusChange, StatusNotification } from './types';

export interface MemoryStoreOptions {
  /** Changes and notifications kept. @default 1000 */
  historySize?: number;
  /** @default 300000 */
  statusTtlMs?: number;
  /** Epoch milliseconds. @default Date.now */
  clock?: () => number;
}

/** The default store: this process only, gone on restart. */
export class MemoryStore implements StatusStore {
  readonly kind = 'memory';
  private readonly statuses = new Map<
    string,
    { status: ServiceStatus; expiresAt: number }
  >();
  private readonly changes: BoundedFeed<StatusChange>;
  private readonly notifications: BoundedFeed<StatusNotification>;
  private readonly clock: () => number;
  private readonly ttlMs: number;

  constructor(opts: MemoryStoreOptions = {}) {
    this.clock = opts.clock ?? Date.now;
    this.ttlMs = opts.statusTtlMs ?? 300_000;
    const feed = { capacity: opts.historySize ?? 1_000, clock: this.clock };
    this.changes = new BoundedFeed(feed);
    this.notifications = new BoundedFeed(feed);
  }

  getStatus(service: string): Promise<ServiceStatus | undefined> {
    const entry = this.statuses.get(service);
    if (entry === undefined || entry.expiresAt <= this.clock()) {
      return Promise.resolve(undefined);
    }
    return Promise.resolve(entry.status);
  }

  listStatuses(): Promise<ServiceStatus[]> {
    const now = this.clock();
    const live = [...this.statuses.values()].filter(
      (entry) => entry.expiresAt > now,
    );
    return Promise.resolve(live.map((entry) => entry.status));
  }

  putStatuses(statuses: readonly ServiceStatus[]): Promise<void> {
    const expiresAt = this.clock() + this.ttlMs;
    for (const status of statuses) {
      this.statuses.set(status.service, { status, expiresAt });
    }
    return Promise.resolve();
  }

  /** With `id`, keeps an id another store handed out (if it is newer). */
  appendChange(change: NewStatusChange, id?: string): Promise<StatusChange> {
    return Promise.resolve(this.changes.append(change, id));
  }

  readAfter(id: string, limit?: number): Promise<FeedSlice<StatusChange>> {
    return attempt(() => this.changes.after(id, limit));
  }

  lastChangeId(): Promise<string | null> {
    return Promise.resolve(this.changes.lastId());
  }

  history(query: HistoryQuery): Promise<HistoryPage> {
    return attempt(() => this.changes.history(query));
  }

  appendNotification(
    notification: NewStatusNotification,
    id?: string,
  ): Promise<StatusNotification> {
    return Promise.resolve(this.notifications.append(notification, id));
  }

  readNotificationsAfter(
    id: string,
    limit?: number,
  ): Promise<FeedSlice<StatusNotification>> {
    return attempt(() => this.notifications.after(id, limit));
  }

  lastNotificationId(): Promise<string | null> {
    return Promise.resolve(this.notifications.lastId());
  }

  recentNotifications(limit: number): Promise<StatusNotification[]> {
    return Promise.resolve(this.notifications.newest(limit));
  }

  appendIfUnchanged(entries: UnsharedEntries): Promise<boolean> {
    const { after } = entries;
    const unchanged =
      untouched(this.changes.lastId(), after.change) &&
      untouched(this.notifications.lastId(), after.notification);
    if (unchanged) {
      for (const { id, ...change } of entries.changes) {
        this.changes.append(change, id);
      }
      for (const { id, ...notification } of entries.notifications) {
        this.notifications.append(notification, id);
      }
    }
    return Promise.resolve(unchanged);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** An empty feed, like a Redis stream that is gone, contradicts nothing. */
function untouched(last: string | null, expected: string | null): boolean {
  return last === null || last === expected;
}

/** Turns a synchronous throw (a malformed id) into a rejection. */
function attempt<TValue>(run: () => TValue): Promise<TValue> {
  return new Promise((resolve) => {
    resolve(run());
  });
}
