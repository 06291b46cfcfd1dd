import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { StatusEngineApi } from '@medianest/status-core';
import type { KumaConnectionState } from '@medianest/kuma-client';

const KUMA_STATES: readonly KumaConnectionState[] = [
  'idle',
  'connecting',
  'authenticating',
  'syncing',
  'ready',
  'reconnecting',
  'closed',
];
const ENGINE_MODES = ['starting', 'kuma', 'probe'] as const;
const STATUS_STREAM = 'status.onChange';

/** The server's Prometheus metrics and the counters it feeds. */
export interface AppMetrics {
  readonly registry: Registry;
  countRequest(labels: { route: string; code: number }): void;
  countCall(labels: { path: string; type: string; outcome: string }): void;
  /** Counts a `status.list` response by who wrote it (see `fastList`). */
  countListResponse(path: 'fast' | 'stock'): void;
  /** Registers one subscriber of `procedure`; call the result when it ends. */
  addSubscriber(procedure: string): () => void;
  subscriberCounts(): Record<string, number>;
  /** Stops listening to the engine. */
  close(): void;
}

/** Subscribers of `status.onChange` by how their frames are written. */
export interface FanoutCounts {
  fast: number;
  stock: number;
}

export interface MetricsOptions {
  /**
   * `status.onChange` subscribers by path, which its stream counts itself.
   * @default those registered with `addSubscriber`, all on the stock path
   */
  statusSubscribers?: () => FanoutCounts;
}

/** Builds a registry of its own, so several apps can share a process. */
export function createMetrics(
  engine: StatusEngineApi,
  opts: MetricsOptions = {},
): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'medianest_' });
  const subscribers = new Map<string, number>();
  const statusSubscribers =
    opts.statusSubscribers ??
    (() => ({ fast: 0, stock: subscribers.get(STATUS_STREAM) ?? 0 }));
  const counts = () => {
    const { fast, stock } = statusSubscribers();
    return {
      ...Object.fromEntries(subscribers),
      [STATUS_STREAM]: fast + stock,
    };
  };

  registerHealthGauges(registry, engine);
  new Gauge({
    name: 'medianest_subscribers',
    help: 'Open subscriptions by procedure',
    labelNames: ['procedure'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [procedure, n] of Object.entries(counts())) {
        this.set({ procedure }, n);
      }
    },
  });

  registerFastPathMetrics(registry, statusSubscribers);
  const listResponses = new Counter({
    name: 'medianest_status_list_responses_total',
    help: 'status.list responses: fast (serialized once per change) or stock (tRPC)',
    labelNames: ['path'],
    registers: [registry],
  });

  const requests = new Counter({
    name: 'medianest_http_requests_total',
    help: 'HTTP requests by route and status code',
    labelNames: ['route', 'code'],
    registers: [registry],
  });
  const calls = new Counter({
    name: 'medianest_trpc_calls_total',
    help: 'tRPC procedure calls by path, type and outcome',
    labelNames: ['path', 'type', 'outcome'],
    registers: [registry],
  });
  const stopEngineCounters = registerEngineCounters(registry, engine);

  return {
    registry,
    countRequest: ({ route, code }) => requests.inc({ route, code }),
    countCall: (labels) => calls.inc(labels),
    countListResponse: (path) => listResponses.inc({ path }),
    addSubscriber(procedure) {
      subscribers.set(procedure, (subscribers.get(procedure) ?? 0) + 1);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        subscribers.set(procedure, (subscribers.get(procedure) ?? 1) - 1);
      };
    },
    subscriberCounts: counts,
    close: stopEngineCounters,
  };
}

function registerFastPathMetrics(
  registry: Registry,
  counts: () => FanoutCounts,
) {
  new Gauge({
    name: 'medianest_fanout_subscribers',
    help: 'status.onChange subscribers by path: fast (one serialization per change) or stock (tRPC writes each)',
    labelNames: ['path'],
    registers: [registry],
    collect() {
      const { fast, stock } = counts();
      this.set({ path: 'fast' }, fast);
      this.set({ path: 'stock' }, stock);
    },
  });
}

function registerHealthGauges(registry: Registry, engine: StatusEngineApi) {
  new Gauge({
    name: 'medianest_kuma_connection_state',
    help: 'Kuma connection state of this instance: 1 for the current state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const current = engine.health().source;
      for (const state of KUMA_STATES)
        this.set({ state }, +(state === current));
    },
  });
  new Gauge({
    name: 'medianest_engine_mode',
    help: 'Where statuses come from: 1 for the current mode',
    labelNames: ['mode'],
    registers: [registry],
    collect() {
      const current = engine.health().mode;
      for (const mode of ENGINE_MODES) this.set({ mode }, +(mode === current));
    },
  });
  new Gauge({
    name: 'medianest_kuma_leader',
    help: '1 when this instance holds the Kuma connection',
    registers: [registry],
    collect() {
      this.set(+engine.health().leader);
    },
  });
}

function registerEngineCounters(registry: Registry, engine: StatusEngineApi) {
  const changes = new Counter({
    name: 'medianest_status_changes_total',
    help: 'Status changes published, by service, status and source',
    labelNames: ['service', 'status', 'source'],
    registers: [registry],
  });
  const probes = new Counter({
    name: 'medianest_probe_results_total',
    help: 'Statuses published from health probes while Kuma was away',
    labelNames: ['service', 'status'],
    registers: [registry],
  });
  const notifications = new Counter({
    name: 'medianest_notifications_total',
    help: 'Notifications published, by kind',
    labelNames: ['kind'],
    registers: [registry],
  });

  const stopChanges = engine.onChange(({ service, status }) => {
    changes.inc({ service, status: status.status, source: status.source });
    if (status.source === 'probe')
      probes.inc({ service, status: status.status });
  });
  const stopNotifications = engine.onNotification(({ kind }) =>
    notifications.inc({ kind }),
  );
  return () => {
    stopChanges();
    stopNotifications();
  };
}
