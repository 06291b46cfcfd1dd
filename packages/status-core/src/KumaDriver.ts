import type {
  KumaConnectionState,
  KumaHeartbeat,
  KumaMonitor,
  Logger,
  MonitorStats,
} from '@medianest/kuma-client';
import { checkBeat, checkMonitor } from './checkSourceData';
import type { StatusCoreConfig } from './configSchema';
import { deriveServiceStatus, type MonitorLookup } from './deriveServiceStatus';
import type { EngineMode } from './engineApi';
import { FallbackProber } from './FallbackProber';
import { resolveServices, type ResolvedService } from './resolveServices';
import type { StatusSource, StatusSourceEvents } from './source';
import { StatusCoreError } from './StatusCoreError';
import type { StatusPublisher } from './StatusPublisher';
import type { ServiceStatus } from './types';

export interface KumaDriverOptions {
  config: StatusCoreConfig;
  source: StatusSource;
  publisher: StatusPublisher;
  logger: Logger;
  clock: () => number;
  fetch: typeof fetch;
}

/**
 * The leader's side: listens to the source, derives statuses and publishes
 * them, and switches to probing when the source has not been ready for the
 * grace period.
 */
export class KumaDriver {
  private mode: EngineMode = 'starting';
  private services: ResolvedService[];
  private graceTimer: NodeJS.Timeout | undefined;
  private readonly prober: FallbackProber;
  private readonly handlers: StatusSourceEvents;

  constructor(private readonly opts: KumaDriverOptions) {
    this.services = resolveServices(opts.config, []);
    this.prober = new FallbackProber({
      settings: opts.config.engine,
      services: () => this.services,
      current: () => opts.publisher.current,
      publish: (statuses, startedAt) => this.publishProbes(statuses, startedAt),
      fetch: opts.fetch,
      clock: opts.clock,
      logger: opts.logger,
    });
    this.handlers = {
      monitors: (monitors) =>
        this.guard('monitors', () => this.onMonitors(monitors)),
      heartbeat: (beat) => this.guard('heartbeat', () => this.onBeat(beat)),
      stats: (id, stats) => this.guard('stats', () => this.onStats(id, stats)),
      state: ({ to }) => this.guard('state', () => this.onState(to)),
    };
  }

  get currentMode(): EngineMode {
    return this.mode;
  }

  get sourceState(): KumaConnectionState {
    return this.opts.source.state;
  }

  start(): void {
    const { source } = this.opts;
    source.on('monitors', this.handlers.monitors);
    source.on('heartbeat', this.handlers.heartbeat);
    source.on('stats', this.handlers.stats);
    source.on('state', this.handlers.state);
    this.onState(source.state);
  }

  stop(): void {
    const { source } = this.opts;
    source.off('monitors', this.handlers.monitors);
    source.off('heartbeat', this.handlers.heartbeat);
    source.off('stats', this.handlers.stats);
    source.off('state', this.handlers.state);
    clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    this.prober.stop();
  }

  /** Resyncs the source, or probes at once while in fallback. */
  async refresh(): Promise<ServiceStatus[]> {
    if (this.mode !== 'kuma') return this.prober.round();
    await this.opts.source.resync();
    return this.deriveAll();
  }

  /** Re-derives everything; beats go stale without any event. */
  deriveAll(): Promise<ServiceStatus[]> {
    if (this.mode !== 'kuma') return Promise.resolve([]);
    const lookup = this.lookup();
    return this.opts.publisher.publish(
      this.services.map((service) => this.derive(service, lookup)),
    );
  }

  private onState(to: KumaConnectionState): void {
    if (to === 'ready') {
      clearTimeout(this.graceTimer);
      this.graceTimer = undefined;
      this.prober.stop();
      this.mode = 'kuma';
      this.onMonitors(this.opts.source.monitors());
      return;
    }
    if (this.mode === 'kuma') this.mode = 'starting';
    if (this.mode === 'probe' || this.graceTimer) return;
    this.graceTimer = setTimeout(() => {
      this.graceTimer = undefined;
      this.mode = 'probe';
      this.opts.logger.warn(
        { state: this.opts.source.state },
        'Kuma not ready; probing health URLs instead',
      );
      this.prober.start();
    }, this.opts.config.engine.gracePeriodMs);
    this.graceTimer.unref();
  }

  private onMonitors(monitors: readonly KumaMonitor[]): void {
    const valid = monitors.flatMap((monitor) => {
      try {
        return [checkMonitor(monitor)];
      } catch (error) {
        this.report('monitors', error);
        return [];
      }
    });
    this.services = resolveServices(this.opts.config, valid);
    this.settle(this.deriveAll());
  }

  private onBeat(beat: KumaHeartbeat): void {
    const { monitorId } = checkBeat(beat);
    this.deriveFor(monitorId);
  }

  private onStats(monitorId: number, _stats: MonitorStats): void {
    if (!Number.isInteger(monitorId)) {
      throw new StatusCoreError(
        'BAD_SOURCE_DATA',
        `Dropped stats for a monitor id that is not an integer: ${String(monitorId)}`,
      );
    }
    this.deriveFor(monitorId);
  }

  private deriveFor(monitorId: number): void {
    if (this.mode !== 'kuma') return;
    const affected = this.services.filter((service) =>
      service.monitorIds.includes(monitorId),
    );
    if (affected.length === 0) return;
    const lookup = this.lookup();
    this.settle(
      this.opts.publisher.publish(
        affected.map((service) => this.derive(service, lookup)),
      ),
    );
  }

  private lookup(): MonitorLookup {
    const { source } = this.opts;
    const monitors = new Map(source.monitors().map((m) => [m.id, m]));
    return {
      monitor: (id) => monitors.get(id),
      latestBeat: (id) => source.latestBeat(id),
      stats: (id) => source.stats(id),
    };
  }

  private derive(
    service: ResolvedService,
    lookup: MonitorLookup,
  ): ServiceStatus {
    return deriveServiceStatus({
      service,
      lookup,
      now: this.opts.clock(),
      stalenessFactor: this.opts.config.engine.stalenessFactor,
    });
  }

  private publishProbes(
    statuses: ServiceStatus[],
    startedAt: number,
  ): Promise<ServiceStatus[]> {
    // Kuma came back while the round ran: its data wins.
    if (this.mode === 'kuma') return Promise.resolve([]);
    const current = this.opts.publisher.current;
    const fresh = statuses.filter((status) => {
      const known = current.get(status.service);
      const knownAt = known?.lastCheck?.getTime() ?? 0;
      return known?.source !== 'kuma' || knownAt < startedAt;
    });
    return this.opts.publisher.publish(fresh);
  }

  private settle(publishing: Promise<unknown>): void {
    publishing.catch((error: unknown) => {
      this.opts.logger.error({ err: error }, 'publishing statuses failed');
    });
  }

  private guard(event: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.report(event, error);
    }
  }

  private report(event: string, error: unknown): void {
    const err = StatusCoreError.from(error, 'BAD_SOURCE_DATA');
    this.opts.logger.warn({ err, event, code: err.code }, err.message);
  }
}
