import type { DecodedBeatList, DecodedUptime } from './decode';
import type { KumaClientError } from './errors';
import type { InboundSink } from './inbound';
import type { Logger } from './logger';
import type {
  CertInfo,
  KumaHeartbeat,
  KumaMonitor,
  MonitorStats,
} from './model';
import { Snapshot } from './snapshot';
import { BurstBarrier } from './sync';
import type { UptimeWindow } from './model';

/** How the router reaches the client's public events. */
export interface RouterEvents {
  monitors(monitors: readonly KumaMonitor[]): void;
  heartbeat(beat: KumaHeartbeat): void;
  stats(monitorId: number, stats: MonitorStats): void;
  error(error: KumaClientError): void;
  version(version: string): void;
  /** A full monitor list arrived (resync waits for it). */
  monitorListArrived(): void;
}

/**
 * Applies one connection's inbound events to that connection's snapshot.
 * Until the burst is complete (`live` false) nothing is emitted: the client
 * keeps showing the previous snapshot and swaps in this one at once.
 */
export class SnapshotRouter implements InboundSink {
  readonly snapshot: Snapshot;
  readonly barrier: BurstBarrier;
  live = false;
  readonly #events: RouterEvents;
  readonly #logger: Logger;
  readonly #requestList: () => void;

  constructor(opts: {
    maxBeatsPerMonitor: number;
    uptimeWindows: readonly UptimeWindow[];
    events: RouterEvents;
    logger: Logger;
    /** Asks this connection's server to push the full `monitorList`. */
    requestList: () => void;
  }) {
    this.snapshot = new Snapshot(opts.maxBeatsPerMonitor);
    this.barrier = new BurstBarrier(opts.uptimeWindows);
    this.#events = opts.events;
    this.#logger = opts.logger;
    this.#requestList = opts.requestList;
  }

  monitorList(monitors: KumaMonitor[]): void {
    this.snapshot.replaceMonitors(monitors);
    this.barrier.noteMonitorList(monitors.map((m) => m.id));
    this.#emitMonitors();
    this.#events.monitorListArrived();
  }

  monitorUpdate(monitors: KumaMonitor[]): void {
    const groupToggled = monitors.some((m) => this.#isGroupToggle(m));
    this.snapshot.upsertMonitors(monitors);
    this.#emitMonitors();
    if (groupToggled) this.#requestList();
  }

  monitorDelete(monitorId: number): void {
    if (this.snapshot.deleteMonitor(monitorId)) this.#emitMonitors();
  }

  heartbeat(beat: KumaHeartbeat): void {
    const isNew = this.snapshot.addBeat(beat);
    if (isNew && this.live) this.#events.heartbeat(beat);
  }

  heartbeatList(list: DecodedBeatList): void {
    this.snapshot.addBeats(list);
    this.barrier.noteHeartbeatList(list.monitorId);
  }

  importantList(list: DecodedBeatList): void {
    this.snapshot.setImportantBeats(list);
  }

  avgPing(update: { monitorId: number; avgPing: number | null }): void {
    const stats = this.snapshot.setAvgPing(update.monitorId, update.avgPing);
    this.barrier.noteAvgPing(update.monitorId);
    this.#emitStats(update.monitorId, stats);
  }

  uptime(update: DecodedUptime): void {
    const { monitorId, window, value } = update;
    if (window === undefined) {
      this.#logger.debug({ monitorId }, 'kuma-client: unknown uptime period');
      return;
    }
    const stats = this.snapshot.setUptime(monitorId, { window, value });
    this.barrier.noteUptime(monitorId, window);
    this.#emitStats(monitorId, stats);
  }

  certInfo(update: { monitorId: number; cert: CertInfo }): void {
    const stats = this.snapshot.setCert(update.monitorId, update.cert);
    this.barrier.noteCertInfo(update.monitorId);
    this.#emitStats(update.monitorId, stats);
  }

  info(info: { version: string | null }): void {
    if (info.version !== null) this.#events.version(info.version);
  }

  protocolError(error: KumaClientError): void {
    this.#events.error(error);
  }

  // Kuma computes a member's `active` from its own flag and its groups',
  // but on pause and resume 2.x pushes only the group itself. Only a full
  // list carries the members' new values; their own flags are not on the
  // wire, so they cannot be derived here.
  #isGroupToggle(update: KumaMonitor): boolean {
    const known = this.snapshot.monitor(update.id);
    if (!known || known.active === update.active) return false;
    return this.snapshot.monitors().some((m) => m.parent === update.id);
  }

  #emitMonitors(): void {
    if (this.live) this.#events.monitors(this.snapshot.monitors());
  }

  #emitStats(monitorId: number, stats: MonitorStats): void {
    if (this.live) this.#events.stats(monitorId, stats);
  }
}
