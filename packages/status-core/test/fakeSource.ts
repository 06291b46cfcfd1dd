import { EventEmitter } from 'node:events';
import type {
  KumaConnectionState,
  KumaDialect,
  KumaHeartbeat,
  KumaMonitor,
  MonitorStats,
} from '@medianest/kuma-client';
import type { StatusSource, StatusSourceEvents } from '../src/source';

/** A StatusSource the test drives by hand. */
export class FakeSource implements StatusSource {
  state: KumaConnectionState = 'idle';
  dialect: KumaDialect | null = null;
  kumaVersion: string | null = null;
  resyncs = 0;
  /** Runs inside `resync()`, e.g. to change data without an event. */
  onResync: (() => void) | null = null;
  private readonly emitter = new EventEmitter();
  private monitorList: KumaMonitor[] = [];
  private readonly latest = new Map<number, KumaHeartbeat>();
  private readonly statsById = new Map<number, MonitorStats>();

  monitors(): readonly KumaMonitor[] {
    return this.monitorList;
  }
  beats(monitorId: number): readonly KumaHeartbeat[] {
    const beat = this.latest.get(monitorId);
    return beat ? [beat] : [];
  }
  latestBeat(monitorId: number): KumaHeartbeat | undefined {
    return this.latest.get(monitorId);
  }
  stats(monitorId: number): MonitorStats | undefined {
    return this.statsById.get(monitorId);
  }
  async resync(): Promise<void> {
    this.resyncs += 1;
    await Promise.resolve();
    this.onResync?.();
  }
  on<TEvent extends keyof StatusSourceEvents>(
    event: TEvent,
    listener: StatusSourceEvents[TEvent],
  ): this {
    this.emitter.on(event, listener);
    return this;
  }
  off<TEvent extends keyof StatusSourceEvents>(
    event: TEvent,
    listener: StatusSourceEvents[TEvent],
  ): this {
    this.emitter.off(event, listener);
    return this;
  }
  listenerCount(): number {
    return this.emitter.listenerCount('heartbeat');
  }

  setState(to: KumaConnectionState): void {
    const from = this.state;
    this.state = to;
    this.emitter.emit('state', { from, to });
  }
  setMonitors(monitors: KumaMonitor[]): void {
    this.monitorList = monitors;
    this.emitter.emit('monitors', monitors);
  }
  beat(beat: KumaHeartbeat): void {
    this.latest.set(beat.monitorId, beat);
    this.emitter.emit('heartbeat', beat);
  }
  /** Changes the latest beat without telling anyone (a missed event). */
  quietBeat(beat: KumaHeartbeat): void {
    this.latest.set(beat.monitorId, beat);
  }
  /** Sends anything as a heartbeat, as a broken source might. */
  rawBeat(payload: unknown): void {
    this.emitter.emit('heartbeat', payload);
  }
  setStats(monitorId: number, stats: MonitorStats): void {
    this.statsById.set(monitorId, stats);
    this.emitter.emit('stats', monitorId, stats);
  }
}

export function monitor(overrides: Partial<KumaMonitor> = {}): KumaMonitor {
  return {
    id: 1,
    name: 'Plex Media Server',
    description: null,
    type: 'http',
    active: true,
    url: 'http://localhost:32400/identity',
    hostname: null,
    port: null,
    interval: 60,
    retryInterval: 60,
    maxretries: 0,
    parent: null,
    pathName: 'Plex Media Server',
    tags: [],
    maintenance: false,
    ...overrides,
  };
}

export function beat(
  overrides: Partial<KumaHeartbeat> & { monitorId?: number } = {},
): KumaHeartbeat {
  return {
    monitorId: 1,
    status: 1,
    time: new Date(NOW),
    msg: '200 - OK',
    ping: 40,
    important: false,
    ...overrides,
  };
}

/** A fixed "now" for derivation tests. */
export const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
