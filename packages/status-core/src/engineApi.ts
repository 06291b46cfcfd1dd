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
  /** Every retained change after `id`, oldest first. */
  readAfter(id: string): Promise<StatusChange[]>;
  /** Returns a function that removes the listener. */
  onChange(listener: (change: StatusChange) => void): () => void;
  onNotification(
    listener: (notification: StatusNotification) => void,
  ): () => void;
  refresh(): Promise<RefreshResult>;
  health(): EngineHealth;
}
