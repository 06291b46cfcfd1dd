import type {
  CertInfo,
  KumaHeartbeat,
  KumaMonitor,
  MonitorStats,
  UptimeWindow,
} from './model';

const MAX_IMPORTANT_BEATS = 500;

/**
 * What the client knows about one server: monitors, recent beats, stats.
 * Built from one connection's burst and replaced as a whole on reconnect.
 * Arrays are replaced on change (never mutated), so what a reader got stays
 * valid.
 */
export class Snapshot {
  readonly #maxBeats: number;
  readonly #monitors = new Map<number, KumaMonitor>();
  readonly #beats = new Map<number, readonly KumaHeartbeat[]>();
  readonly #important = new Map<number, readonly KumaHeartbeat[]>();
  readonly #stats = new Map<number, MonitorStats>();
  #monitorList: readonly KumaMonitor[] = [];

  constructor(maxBeatsPerMonitor: number) {
    this.#maxBeats = maxBeatsPerMonitor;
  }

  monitors(): readonly KumaMonitor[] {
    return this.#monitorList;
  }

  monitor(id: number): KumaMonitor | undefined {
    return this.#monitors.get(id);
  }

  beats(id: number): readonly KumaHeartbeat[] {
    return this.#beats.get(id) ?? [];
  }

  latestBeat(id: number): KumaHeartbeat | undefined {
    return this.#beats.get(id)?.at(-1);
  }

  importantBeats(id: number): readonly KumaHeartbeat[] {
    return this.#important.get(id) ?? [];
  }

  stats(id: number): MonitorStats | undefined {
    return this.#stats.get(id);
  }

  /** A full list: monitors absent from it are dropped with their data. */
  replaceMonitors(monitors: readonly KumaMonitor[]): void {
    const keep = new Set(monitors.map((m) => m.id));
    for (const id of this.#monitors.keys()) {
      if (!keep.has(id)) this.#forget(id);
    }
    this.#monitors.clear();
    for (const monitor of monitors) this.#monitors.set(monitor.id, monitor);
    this.#refreshList();
  }

  upsertMonitors(monitors: readonly KumaMonitor[]): void {
    for (const monitor of monitors) this.#monitors.set(monitor.id, monitor);
    this.#refreshList();
  }

  /** @returns whether the monitor was known. */
  deleteMonitor(id: number): boolean {
    const known = this.#monitors.delete(id);
    this.#forget(id);
    this.#refreshList();
    return known;
  }

  /** Merges beats, deduplicated on (monitor, time) and ordered by time. */
  addBeats(opts: {
    monitorId: number;
    beats: readonly KumaHeartbeat[];
    overwrite?: boolean;
  }): void {
    const current = opts.overwrite ? [] : this.beats(opts.monitorId);
    const merged = mergeBeats(current, opts.beats).slice(-this.#maxBeats);
    this.#beats.set(opts.monitorId, merged);
  }

  /** @returns false when a beat with the same time was already there. */
  addBeat(beat: KumaHeartbeat): boolean {
    const time = beat.time.getTime();
    const known = this.beats(beat.monitorId).some(
      (b) => b.time.getTime() === time,
    );
    this.addBeats({ monitorId: beat.monitorId, beats: [beat] });
    if (beat.important) this.#addImportant(beat);
    return !known;
  }

  /** 1.23 pushes important beats newest first; kept oldest first here. */
  setImportantBeats(opts: {
    monitorId: number;
    beats: readonly KumaHeartbeat[];
    overwrite: boolean;
  }): void {
    const current = opts.overwrite ? [] : this.importantBeats(opts.monitorId);
    const merged = mergeBeats(current, opts.beats);
    this.#important.set(opts.monitorId, merged.slice(-MAX_IMPORTANT_BEATS));
  }

  setAvgPing(monitorId: number, avgPing: number | null): MonitorStats {
    return this.#updateStats(monitorId, (stats) => ({ ...stats, avgPing }));
  }

  setUptime(
    monitorId: number,
    update: { window: UptimeWindow; value: number },
  ): MonitorStats {
    return this.#updateStats(monitorId, (stats) => ({
      ...stats,
      uptime: { ...stats.uptime, [update.window]: update.value },
    }));
  }

  setCert(monitorId: number, cert: CertInfo): MonitorStats {
    return this.#updateStats(monitorId, (stats) => ({ ...stats, cert }));
  }

  #updateStats(
    monitorId: number,
    change: (stats: MonitorStats) => MonitorStats,
  ): MonitorStats {
    const current = this.#stats.get(monitorId) ?? { avgPing: null, uptime: {} };
    const next = change(current);
    this.#stats.set(monitorId, next);
    return next;
  }

  #addImportant(beat: KumaHeartbeat): void {
    this.setImportantBeats({
      monitorId: beat.monitorId,
      beats: [beat],
      overwrite: false,
    });
  }

  #forget(id: number): void {
    this.#beats.delete(id);
    this.#important.delete(id);
    this.#stats.delete(id);
  }

  #refreshList(): void {
    this.#monitorList = Object.freeze(
      [...this.#monitors.values()].sort((a, b) => a.id - b.id),
    );
  }
}

/**
 * Merges `incoming` into the sorted `current`. Returns `current` itself when
 * nothing changes, so callers can tell.
 */
export function mergeBeats(
  current: readonly KumaHeartbeat[],
  incoming: readonly KumaHeartbeat[],
): readonly KumaHeartbeat[] {
  if (incoming.length === 0) return current;
  const byTime = new Map<number, KumaHeartbeat>();
  for (const beat of current) byTime.set(beat.time.getTime(), beat);
  for (const beat of incoming) byTime.set(beat.time.getTime(), beat);
  return [...byTime.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, beat]) => beat);
}
