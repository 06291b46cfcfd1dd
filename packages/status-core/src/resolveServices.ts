import type { KumaMonitor } from '@medianest/kuma-client';
import type {
  Aggregation,
  MonitorSelector,
  ServiceConfig,
  StatusCoreConfig,
} from './configSchema';
import { slugify } from './slugify';

/** A service with its selectors resolved against the current monitors. */
export interface ResolvedService {
  id: string;
  displayName: string;
  monitorIds: number[];
  healthUrl?: string;
  degradedAboveMs?: number;
  aggregation: Aggregation;
}

/**
 * Maps the configured services onto the monitors Kuma reports. With no
 * services configured every monitor becomes a service of its own, probed at
 * its own URL when it has an http(s) one.
 */
export function resolveServices(
  config: StatusCoreConfig,
  monitors: readonly KumaMonitor[],
): ResolvedService[] {
  if (config.services.length === 0) return servicesFromMonitors(monitors);
  return config.services.map((service) => resolveService(service, monitors));
}

/** Whether `monitor` is picked by `selector`. */
export function matchesSelector(
  selector: MonitorSelector,
  monitor: KumaMonitor,
): boolean {
  if ('monitorId' in selector) return monitor.id === selector.monitorId;
  if ('monitorName' in selector) return monitor.name === selector.monitorName;
  return monitor.tags.some(
    (tag) =>
      tag.name === selector.tag &&
      (selector.value === undefined || tag.value === selector.value),
  );
}

function resolveService(
  service: ServiceConfig,
  monitors: readonly KumaMonitor[],
): ResolvedService {
  const monitorIds = monitors
    .filter((monitor) =>
      service.monitors.some((selector) => matchesSelector(selector, monitor)),
    )
    .map((monitor) => monitor.id);
  return {
    id: service.id,
    displayName: service.displayName,
    monitorIds,
    healthUrl: service.healthUrl,
    degradedAboveMs: service.degradedAboveMs,
    aggregation: service.aggregation,
  };
}

function servicesFromMonitors(
  monitors: readonly KumaMonitor[],
): ResolvedService[] {
  const taken = new Set<string>();
  return monitors.map((monitor) => {
    let id = slugify(monitor.name) || `monitor-${monitor.id}`;
    // Two monitors may slugify alike; the id keeps them apart.
    if (taken.has(id)) id = `${id}-${monitor.id}`;
    taken.add(id);
    return {
      id,
      displayName: monitor.name,
      monitorIds: [monitor.id],
      healthUrl: httpUrl(monitor.url),
      aggregation: 'worst',
    };
  });
}

function httpUrl(url: string | null): string | undefined {
  return url !== null && /^https?:\/\//.test(url) ? url : undefined;
}
