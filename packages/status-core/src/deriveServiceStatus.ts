import type {
  KumaHeartbeat,
  KumaMonitor,
  MonitorStats,
} from '@medianest/kuma-client';
import { aggregateStatus, STATE_SEVERITY } from './aggregateStatus';
import { deriveMonitorStatus } from './deriveMonitorStatus';
import { dropUndefined } from './dropUndefined';
import type { ResolvedService } from './resolveServices';
import type { MonitorStatus, ServiceStatus } from './types';

/** Read access to what the source knows, one monitor at a time. */
export interface MonitorLookup {
  monitor(id: number): KumaMonitor | undefined;
  latestBeat(id: number): KumaHeartbeat | undefined;
  stats(id: number): MonitorStats | undefined;
}

export interface DeriveServiceInput {
  service: ResolvedService;
  lookup: MonitorLookup;
  /** Epoch milliseconds. */
  now: number;
  stalenessFactor: number;
}

/**
 * The status of one service from its monitors. Numbers that several monitors
 * report are combined pessimistically: the slowest response time, the lowest
 * uptime, the certificate that expires first.
 */
export function deriveServiceStatus(input: DeriveServiceInput): ServiceStatus {
  const { service, lookup } = input;
  const known = service.monitorIds.flatMap((id) => {
    const monitor = lookup.monitor(id);
    return monitor ? [monitor] : [];
  });
  const monitors = known.map((monitor) =>
    deriveMonitorStatus({
      monitor,
      beat: lookup.latestBeat(monitor.id),
      now: input.now,
      stalenessFactor: input.stalenessFactor,
      degradedAboveMs: service.degradedAboveMs,
    }),
  );
  const status = aggregateStatus(
    monitors.map((monitor) => monitor.status),
    service.aggregation,
  );

  const stats = known.flatMap((monitor) => {
    const found = lookup.stats(monitor.id);
    return found ? [found] : [];
  });
  return dropUndefined({
    service: service.id,
    displayName: service.displayName,
    status,
    responseTime: maxOf(monitors.map((monitor) => monitor.responseTime)),
    uptime24h: minOf(stats.map((entry) => entry.uptime['24h'])),
    uptime30d: minOf(stats.map((entry) => entry.uptime['30d'])),
    uptime1y: minOf(stats.map((entry) => entry.uptime['1y'])),
    certDaysRemaining: minOf(
      stats.map((entry) => entry.cert?.daysRemaining ?? undefined),
    ),
    lastCheck: latestCheck(monitors),
    message: serviceMessage(monitors, status),
    source: 'kuma',
    monitors: monitors.map(dropUndefined),
  });
}

function serviceMessage(
  monitors: readonly MonitorStatus[],
  status: ServiceStatus['status'],
): string | undefined {
  if (monitors.length === 0) return 'No Kuma monitor matches this service';
  if (status === 'up') return undefined;
  const worst = [...monitors]
    .filter((monitor) => monitor.message !== undefined)
    .sort((a, b) => STATE_SEVERITY[b.status] - STATE_SEVERITY[a.status])[0];
  if (worst === undefined) return undefined;
  return monitors.length > 1
    ? `${worst.name}: ${worst.message}`
    : worst.message;
}

function latestCheck(monitors: readonly MonitorStatus[]): Date | undefined {
  const times = monitors.flatMap((monitor) =>
    monitor.lastCheck ? [monitor.lastCheck.getTime()] : [],
  );
  return times.length > 0 ? new Date(Math.max(...times)) : undefined;
}

function maxOf(values: readonly (number | undefined)[]): number | undefined {
  const numbers = values.filter((value) => value !== undefined);
  return numbers.length > 0 ? Math.max(...numbers) : undefined;
}

function minOf(values: readonly (number | undefined)[]): number | undefined {
  const numbers = values.filter((value) => value !== undefined);
  return numbers.length > 0 ? Math.min(...numbers) : undefined;
}
