import type {
  EngineHealth,
  EngineMode,
  FeedSlice,
  HistoryPage,
  HistoryQuery,
  RecentNotifications,
  RefreshResult,
  ServiceState,
  ServiceStatus,
  StatusChange,
  StatusEngineApi,
  StatusNotification,
} from '@medianest/status-core';
import type { ManagedEngine } from '../src/engineFactory';

/**
 * An in-memory StatusEngineApi that tests drive by hand: `set()` publishes
 * a change synchronously, like the real engine's listeners.
 */
export class FakeEngine implements StatusEngineApi {
  mode: EngineMode = 'kuma';
  refreshCalls = 0;
  stopped = false;
  private readonly statuses = new Map<string, ServiceStatus>();
  readonly changes: StatusChange[] = [];
  readonly notifications: StatusNotification[] = [];
  /** Id of the newest change dropped by the bounded history. */
  private droppedThrough: string | null = null;
  private readonly historySize: number;
  private readonly changeListeners = new Set<(c: StatusChange) => void>();
  private readonly noteListeners = new Set<(n: StatusNotification) => void>();
  private seq = 0;
  /** Runs inside `readAfter`, to simulate changes landing meanwhile. */
  duringReadAfter: (() => void) | null = null;

  constructor(
    services: string[] = ['plex', 'overseerr'],
    opts: { historySize?: number } = {},
  ) {
    this.historySize = opts.historySize ?? Infinity;
    for (const service of services) {
      this.statuses.set(service, status(service, 'up'));
    }
  }

  set(service: string, state: ServiceState): StatusChange {
    return this.put(status(service, state));
  }

  /** Publishes `next` as its service's new status. */
  put(next: ServiceStatus): StatusChange {
    const { service } = next;
    const previous = this.statuses.get(service)?.status ?? null;
    this.statuses.set(service, next);
    const change: StatusChange = {
      id: `${1_700_000_000_000 + this.seq}-0`,
      at: new Date(),
      service,
      previous,
      status: next,
    };
    this.seq += 1;
    this.changes.push(change);
    if (this.changes.length > this.historySize) {
      this.droppedThrough = this.changes.shift()?.id ?? null;
    }
    for (const listener of this.changeListeners) listener(change);
    return change;
  }

  notify(
    kind: StatusNotification['kind'],
    service: string,
  ): StatusNotification {
    const note: StatusNotification = {
      id: `${1_700_000_000_000 + this.seq++}-0`,
      at: new Date(),
      kind,
      service,
      displayName: service,
      title: `${service} is ${kind}`,
      message: 'connection refused',
    };
    this.notifications.push(note);
    for (const listener of this.noteListeners) listener(note);
    return note;
  }

  list(): Promise<ServiceStatus[]> {
    return Promise.resolve([...this.statuses.values()]);
  }

  get(service: string): Promise<ServiceStatus | undefined> {
    return Promise.resolve(this.statuses.get(service));
  }

  history(query: HistoryQuery): Promise<HistoryPage> {
    const items = this.changes
      .filter((c) => query.service === undefined || c.service === query.service)
      .reverse()
      .slice(0, query.limit);
    return Promise.resolve({ items, nextCursor: null });
  }

  async readAfter(id: string): Promise<FeedSlice<StatusChange>> {
    const after = this.changes.filter((c) => c.id > id);
    const dropped = this.droppedThrough;
    await Promise.resolve();
    this.duringReadAfter?.();
    return { items: after, expired: dropped !== null && id < dropped };
  }

  async readNotificationsAfter(
    id: string,
  ): Promise<FeedSlice<StatusNotification>> {
    const after = this.notifications.filter((n) => n.id > id);
    await Promise.resolve();
    this.duringReadAfter?.();
    return { items: after, expired: false };
  }

  recentNotifications(limit: number): Promise<RecentNotifications> {
    const newestFirst = [...this.notifications].reverse();
    return Promise.resolve({
      items: newestFirst.slice(0, limit),
      lastId: newestFirst[0]?.id ?? null,
    });
  }

  onChange(listener: (change: StatusChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onNotification(listener: (n: StatusNotification) => void): () => void {
    this.noteListeners.add(listener);
    return () => this.noteListeners.delete(listener);
  }

  get listenerCount(): number {
    return this.changeListeners.size;
  }

  refresh(): Promise<RefreshResult> {
    this.refreshCalls += 1;
    return Promise.resolve({ changed: [], mode: this.mode });
  }

  health(): EngineHealth {
    return {
      mode: this.mode,
      source: this.mode === 'kuma' ? 'ready' : 'reconnecting',
      dialect: '2.x',
      kumaVersion: '2.0.0',
      leader: true,
      isolated: false,
      store: 'memory',
      storeHealthy: true,
      lastChangeId: this.changes.at(-1)?.id ?? null,
    };
  }

  managed(): ManagedEngine {
    return {
      api: this,
      stop: () => {
        this.stopped = true;
        return Promise.resolve();
      },
    };
  }
}

function status(service: string, state: ServiceState): ServiceStatus {
  return {
    service,
    displayName: service,
    status: state,
    source: 'kuma',
    lastCheck: new Date(),
    monitors: [],
  };
}
