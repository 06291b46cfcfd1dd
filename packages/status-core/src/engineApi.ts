import type { KumaConnectionState, KumaDialect } from '@medianest/kuma-client';
import type { ServiceStatus, StatusChange, StatusNotification } from './types';

export interface HistoryQuery {
  service?: string;
  /** At most this many entries, newest first. */
  limit: number;
  /** An id from a previous page's `nextCursor`. */
  cursor?: string;
}

export interface HistoryPage {
  items: StatusChange[];
  nextCursor: string | null;
}

/** What came after an id in the change or notification feed. */
export interface FeedSlice<TEntry> {
  /** Retained entries after the id, oldest first. */
  items: TEntry[];
  /**
   * True when entries after the id were already dropped from the bounded
   * history: `items` is then not everything that came after it, and a
   * consumer that needs every status should start again from a snapshot.
   */
  expired: boolean;
}

/** The notification feed's newest entries and its position. */
export interface RecentNotifications {
  /** At most the number asked for, newest first. */
  items: StatusNotification[];
  /**
   * Id of the newest notification, or null when there is none yet. Reading
   * the feed after it gives exactly the notifications published since.
   */
  lastId: string | null;
}

export interface RefreshResult {
  /** Statuses that differ from before the refresh. */
  changed: ServiceStatus[];
  mode: EngineMode;
}

/** Where the engine's statuses come from right now. */
export type EngineMode = 'starting' | 'kuma' | 'probe';

export interface EngineHealth {
  mode: EngineMode;
  source: KumaConnectionState;
  dialect: KumaDialect | null;
  kumaVersion: string | null;
  /** Whether this instance holds the Kuma connection. */
  leader: boolean;
  /**
   * Whether it holds it without the leader lock: it could not renew the
   * lock in time (Redis away), so what it publishes reaches only its own
   * clients until it takes the lock again or sees another instance's.
   */
  isolated: boolean;
  store: 'memory' | 'redis';
  storeHealthy: boolean;
  /** Id of the newest change, or null before the first. */
  lastChangeId: string | null;
}

/**
 * What the server needs from status-core: read the current statuses and the
 * change feed, subscribe to changes and notifications, force a refresh.
 */
export interface StatusEngineApi {
  list(): Promise<ServiceStatus[]>;
  get(service: string): Promise<ServiceStatus | undefined>;
  history(query: HistoryQuery): Promise<HistoryPage>;
  /** Every retained change after `id`, oldest first, and whether any is gone. */
  readAfter(id: string): Promise<FeedSlice<StatusChange>>;
  /** Like `readAfter`, for notifications. */
  readNotificationsAfter(id: string): Promise<FeedSlice<StatusNotification>>;
  /**
   * The newest `limit` notifications and the feed's position, from one
   * read: a consumer that lists them, then follows the feed from `lastId`,
   * sees each notification once. `limit` 0 reads only the position.
   */
  recentNotifications(limit: number): Promise<RecentNotifications>;
  /** Returns a function that removes the listener. */
  onChange(listener: (change: StatusChange) => void): () => void;
  onNotification(
    listener: (notification: StatusNotification) => void,
  ): () => void;
  /**
   * Resyncs from the source (an immediate probe round in fallback) and
   * returns what changed. On an instance that does not hold the source, the
   * leader is asked to do it through Redis.
   */
  refresh(): Promise<RefreshResult>;
  health(): EngineHealth;
}
