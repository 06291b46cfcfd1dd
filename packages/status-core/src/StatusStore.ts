import type { FeedSlice, HistoryPage, HistoryQuery } from './engineApi';
import type { ServiceStatus, StatusChange, StatusNotification } from './types';

/** A change before the store has given it an id. */
export type NewStatusChange = Omit<StatusChange, 'id'>;
/** A notification before the store has given it an id. */
export type NewStatusNotification = Omit<StatusNotification, 'id'>;

/** Entries one writer made elsewhere, and where it last saw the feeds. */
export interface UnsharedEntries {
  /** The newest change and notification ids it knew were stored. */
  after: { change: string | null; notification: string | null };
  /** Oldest first, all newer than `after.change`. */
  changes: readonly StatusChange[];
  /** Oldest first, all newer than `after.notification`. */
  notifications: readonly StatusNotification[];
}

/**
 * Where statuses, the change feed and notifications live. `MemoryStore` is
 * the default; `RedisStore` shares them between instances and survives a
 * restart. Failures reject with a `StatusCoreError` (`STORE_UNAVAILABLE`).
 */
export interface StatusStore {
  readonly kind: 'memory' | 'redis';
  getStatus(service: string): Promise<ServiceStatus | undefined>;
  /** Unexpired statuses, in no particular order. */
  listStatuses(): Promise<ServiceStatus[]>;
  /** Writes statuses and restarts their time to live. */
  putStatuses(statuses: readonly ServiceStatus[]): Promise<void>;
  /**
   * Appends to the feed; the returned change carries its id: `id` when given
   * and newer than the last one (replaying entries made elsewhere), else a
   * fresh one.
   */
  appendChange(change: NewStatusChange, id?: string): Promise<StatusChange>;
  /**
   * Retained changes after `id`, oldest first, at most `limit`; `expired`
   * says that some changes after `id` were trimmed from the history.
   */
  readAfter(id: string, limit?: number): Promise<FeedSlice<StatusChange>>;
  lastChangeId(): Promise<string | null>;
  /** Newest first, optionally for one service, paged by id. */
  history(query: HistoryQuery): Promise<HistoryPage>;
  /** Like `appendChange`, for notifications. */
  appendNotification(
    notification: NewStatusNotification,
    id?: string,
  ): Promise<StatusNotification>;
  /** Like `readAfter`, for notifications. */
  readNotificationsAfter(
    id: string,
    limit?: number,
  ): Promise<FeedSlice<StatusNotification>>;
  lastNotificationId(): Promise<string | null>;
  /**
   * Appends the entries with their ids, all or none, in one step: none
   * (resolving false) when either feed's newest id is no longer the one in
   * `after`, since someone else wrote to it meanwhile. A feed that does not
   * exist (a store that lost its data) holds nothing to contradict and
   * takes them.
   */
  appendIfUnchanged(entries: UnsharedEntries): Promise<boolean>;
  /** The newest `limit` (1 or more) notifications, newest first. */
  recentNotifications(limit: number): Promise<StatusNotification[]>;
  /** Releases connections; the store is unusable afterwards. */
  close(): Promise<void>;
}
