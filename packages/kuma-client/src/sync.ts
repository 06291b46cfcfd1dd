import type { UptimeWindow } from './model';

type PerMonitor = 'heartbeatList' | 'avgPing' | 'uptime';

/**
 * Tracks the post-login burst: the monitor list, then per monitor its
 * `heartbeatList`, `avgPing` and every uptime window of the dialect. Kuma
 * 1.23 acks the login before the burst, so this is the only way to know
 * that the required part of the burst is in (burstEnd.ts waits for the
 * rest); on 2.x it names what is missing on timeout.
 */
export class BurstBarrier {
  readonly #windows: readonly UptimeWindow[];
  #monitorIds: readonly number[] | undefined;
  readonly #seen = {
    heartbeatList: new Set<number>(),
    avgPing: new Set<number>(),
    uptime: new Map<number, Set<UptimeWindow>>(),
  };
  #waiters: (() => void)[] = [];
  readonly #certs = new Set<number>();
  readonly #certListeners = new Set<() => void>();

  constructor(windows: readonly UptimeWindow[]) {
    this.#windows = windows;
  }

  get complete(): boolean {
    return this.missing().length === 0;
  }

  /** A full monitor list: defines (or redefines) what to wait for. */
  noteMonitorList(ids: readonly number[]): void {
    this.#monitorIds = ids;
    this.#check();
  }

  noteHeartbeatList(id: number): void {
    this.#seen.heartbeatList.add(id);
    this.#check();
  }

  noteAvgPing(id: number): void {
    this.#seen.avgPing.add(id);
    this.#check();
  }

  noteUptime(id: number, window: UptimeWindow): void {
    const windows = this.#seen.uptime.get(id) ?? new Set();
    windows.add(window);
    this.#seen.uptime.set(id, windows);
    this.#check();
  }

  /**
   * A monitor's `certInfo`. Not required (only monitors with stored TLS
   * info have one), but it may trail the monitor's stats; see burstEnd.ts.
   */
  noteCertInfo(id: number): void {
    if (this.#certs.has(id)) return;
    this.#certs.add(id);
    for (const listener of this.#certListeners) listener();
  }

  /** Calls `listener` at each monitor's first certInfo; returns the undo. */
  onFirstCertInfo(listener: () => void): () => void {
    this.#certListeners.add(listener);
    return () => this.#certListeners.delete(listener);
  }

  /** e.g. `['heartbeatList for monitors 3, 5', 'uptime for monitor 5']`. */
  missing(): string[] {
    const ids = this.#monitorIds;
    if (!ids) return ['monitorList'];
    const missing: string[] = [];
    for (const list of ['heartbeatList', 'avgPing', 'uptime'] as const) {
      const absent = ids.filter((id) => !this.#has(list, id));
      if (absent.length > 0) missing.push(describe(list, absent));
    }
    return missing;
  }

  /** Resolves once nothing is missing. */
  whenComplete(): Promise<void> {
    if (this.complete) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #has(list: PerMonitor, id: number): boolean {
    if (list !== 'uptime') return this.#seen[list].has(id);
    const windows = this.#seen.uptime.get(id);
    return this.#windows.every((w) => windows?.has(w));
  }

  #check(): void {
    if (this.#waiters.length === 0 || !this.complete) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }
}

function describe(list: PerMonitor, ids: readonly number[]): string {
  const noun = ids.length === 1 ? 'monitor' : 'monitors';
  return `${list} for ${noun} ${ids.join(', ')}`;
}
