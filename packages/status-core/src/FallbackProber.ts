import type { Logger } from '@medianest/kuma-client';
import type { EngineSettings } from './configSchema';
import { dropUndefined } from './dropUndefined';
import { probeHealthUrl } from './probeHealthUrl';
import type { ResolvedService } from './resolveServices';
import type { ServiceStatus } from './types';

export interface FallbackProberOptions {
  settings: EngineSettings;
  services: () => readonly ResolvedService[];
  current: () => ReadonlyMap<string, ServiceStatus>;
  /** Receives one round's statuses; `startedAt` guards fresher data. */
  publish: (
    statuses: ServiceStatus[],
    startedAt: number,
  ) => Promise<ServiceStatus[]>;
  fetch: typeof fetch;
  clock: () => number;
  logger: Logger;
}

/**
 * Probes every service's `healthUrl` on a timer while the source is away.
 * Services without one keep their last known status, marked `cache`.
 */
export class FallbackProber {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ServiceStatus[]> | undefined;

  constructor(private readonly opts: FallbackProberOptions) {}

  get active(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      void this.round();
    }, this.opts.settings.probeIntervalMs);
    this.timer.unref();
    void this.round();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Probes now (joining a round already under way); resolves with what changed. */
  round(): Promise<ServiceStatus[]> {
    this.running ??= this.probeAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async probeAll(): Promise<ServiceStatus[]> {
    const startedAt = this.opts.clock();
    const current = this.opts.current();
    const services = this.opts.services();
    const statuses = await mapLimited(
      services,
      this.opts.settings.probeConcurrency,
      (service) => this.probeOne(service, current.get(service.id)),
    );
    const known = new Set(services.map((service) => service.id));
    const cachedOnly = [...current.values()]
      .filter((status) => !known.has(status.service))
      .map(asCached);
    try {
      return await this.opts.publish([...statuses, ...cachedOnly], startedAt);
    } catch (error) {
      this.opts.logger.error({ err: error }, 'publishing probe results failed');
      return [];
    }
  }

  private async probeOne(
    service: ResolvedService,
    previous: ServiceStatus | undefined,
  ): Promise<ServiceStatus> {
    if (service.healthUrl === undefined) {
      return previous ? asCached(previous) : unknownStatus(service);
    }
    const { settings } = this.opts;
    const result = await probeHealthUrl({
      url: service.healthUrl,
      timeoutMs: settings.probeTimeoutMs,
      slowMs: service.degradedAboveMs ?? settings.probeSlowMs,
      fetch: this.opts.fetch,
      clock: this.opts.clock,
    });
    return dropUndefined<ServiceStatus>({
      service: service.id,
      displayName: service.displayName,
      status: result.status,
      responseTime: result.responseTime,
      // Uptime and certificates are history; the last known figures stand.
      uptime24h: previous?.uptime24h,
      uptime30d: previous?.uptime30d,
      uptime1y: previous?.uptime1y,
      certDaysRemaining: previous?.certDaysRemaining,
      lastCheck: result.at,
      message: result.message,
      source: 'probe',
      monitors: [],
    });
  }
}

function asCached(status: ServiceStatus): ServiceStatus {
  return status.source === 'cache' ? status : { ...status, source: 'cache' };
}

function unknownStatus(service: ResolvedService): ServiceStatus {
  return {
    service: service.id,
    displayName: service.displayName,
    status: 'unknown',
    message: 'Kuma is unreachable and this service has no healthUrl to probe',
    source: 'cache',
    monitors: [],
  };
}

async function mapLimited<TItem, TResult>(
  items: readonly TItem[],
  limit: number,
  run: (item: TItem) => Promise<TResult>,
): Promise<TResult[]> {
  const results: TResult[] = new Array<TResult>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as TItem);
    }
  };
  const workers = Math.min(limit, items.length);
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
