import type { ServerMode } from './benchServer';
import { startChild } from './children';
import { startSubscriberGroup } from './subscriberGroup';
import type { FromClients, FromLoad, FromServer } from './ipc';

type Ready = Extract<FromServer, { type: 'ready' }>;
type Sent = Extract<FromServer, { type: 'sent' }>;
type Delivered = Extract<FromClients, { type: 'delivered' }>;
type First = Extract<FromClients, { type: 'first' }>;

/** How long each measurement runs; `BENCH_QUICK=1` shortens all of them. */
export interface BenchConfig {
  sizes: number[];
  rate: number;
  broadcastSeconds: number;
  httpSeconds: number;
  concurrency: number;
  /** How many times the largest size's points run. */
  repeatLargest: number;
  /** One subscriber process per entry, pinned to that core. */
  clientCores: ClientPlacement[];
  /**
   * The subscriber processes' young generation in MB (0: V8's default,
   * 16). One process holds thousands of clients whose garbage would
   * otherwise be collected by thousands of heaps.
   */
  clientSemiSpaceMb: number;
}

/** A subscriber process: its core, and its share of the subscribers. */
export interface ClientPlacement {
  core: number;
  weight: number;
}

/** Each fan-out row: which server, and which subscribers. */
const fanoutVariants = {
  raw: { server: 'raw', clients: 'raw' },
  'raw/sj': { server: 'raw/sj', clients: 'raw/sj' },
  stock: { server: 'stock', clients: 'trpc' },
  fast: { server: 'fast', clients: 'trpc' },
  'fast/json': { server: 'fast', clients: 'json' },
  'app-stock': { server: 'app-stock', clients: 'trpc' },
  'app-fast': { server: 'app-fast', clients: 'trpc' },
} as const;

export type FanoutMode = keyof typeof fanoutVariants;
export const fanoutModes = Object.keys(fanoutVariants) as FanoutMode[];

export interface FanoutResult {
  mode: FanoutMode;
  subscribers: number;
  /** 1 unless the point was repeated (BENCH_REPEAT). */
  run?: number;
  sent: number;
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  /** p99 from the broadcast's start to its FIRST subscriber. */
  firstP99Ms: number;
  /** p99 of the server's publish call: every frame handed to a socket. */
  writeP99Ms: number;
  cpuPerDeliveryUs: number;
  clientCpuPerDeliveryUs: number;
  /**
   * Share of their cores the subscriber processes kept busy while measured:
   * near 1, the clients' own decoding sets the latency, not the server.
   */
  clientBusy: number;
  heapPerSubscriberKb: number;
}

export interface QueryResult {
  mode: 'http-bare' | 'http-trpc' | 'http-app' | 'http-app-stock';
  requestsPerSecond: number;
  p99Ms: number;
  cpuPerRequestUs: number;
  bodyBytes: number;
  bodyHash: string;
  errors: number;
}

const WARMUP = 5;

function percentile(sorted: number[], p: number) {
  return (
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN
  );
}

function sorted(values: (number | undefined)[]) {
  const known = values.filter((v): v is number => v !== undefined);
  return known.sort((a, b) => a - b);
}

async function heapUsed(server: ReturnType<typeof startChild>) {
  const reply = server.next<FromServer & { type: 'heap' }>('heap');
  server.send({ cmd: 'heap' });
  return (await reply).heapUsed;
}

/** When each broadcast started, and when its last subscriber got it. */
class Timeline {
  private readonly sent = new Map<number, Sent>();
  private readonly delivered = new Map<string, number>();
  private readonly first = new Map<string, number>();

  /** Per event: how many subscriber processes reported, and their latest. */
  private readonly reports = new Map<string, number>();
  private readonly pending = new Map<string, number>();

  /** `groups`: how many subscriber processes report each event. */
  constructor(private readonly groups = 1) {}

  onSent = (m: Sent) => this.sent.set(m.seq, m);

  /** Each group of subscribers reports its last; the latest of them counts. */
  onDelivered = (m: Delivered) => {
    const reports = (this.reports.get(m.id) ?? 0) + 1;
    this.reports.set(m.id, reports);
    const t = Math.max(m.t, this.pending.get(m.id) ?? 0);
    if (reports < this.groups) this.pending.set(m.id, t);
    else this.delivered.set(m.id, t);
  };
  onFirst = (m: First) => {
    const t = this.first.get(m.id);
    if (t === undefined || m.t < t) this.first.set(m.id, m.t);
  };

  /** Latency in ms of broadcast `seq`, if every subscriber has it. */
  latencyMs(seq: number) {
    const sent = this.sent.get(seq);
    const t = sent && this.delivered.get(sent.id);
    return sent && t !== undefined ? (t - sent.t0) / 1e6 : undefined;
  }

  /** Latency in ms of broadcast `seq` to its first subscriber. */
  firstMs(seq: number) {
    const sent = this.sent.get(seq);
    const t = sent && this.first.get(sent.id);
    return sent && t !== undefined ? (t - sent.t0) / 1e6 : undefined;
  }

  /** How long the server's publish of `seq` took, in ms. */
  writeMs(seq: number) {
    const sent = this.sent.get(seq);
    return sent ? (sent.t1 - sent.t0) / 1e6 : undefined;
  }
}

/** Broadcasts `count` events and waits until every subscriber has each. */
async function broadcastAndWait(opts: {
  server: ReturnType<typeof startChild>;
  timeline: Timeline;
  from: number;
  count: number;
  config: BenchConfig;
}) {
  const { server, timeline, from, count, config } = opts;
  server.send({ cmd: 'broadcast', rate: config.rate, from, count });
  const drainMs = 8_000 + (count / config.rate) * 1_000;
  const deadline = performance.now() + drainMs;
  const complete = () => {
    for (let seq = from; seq < from + count; seq += 1) {
      if (timeline.latencyMs(seq) === undefined) return false;
    }
    return true;
  };
  while (!complete() && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One fan-out point: a server of `mode` and `n` subscribers. */
export async function runFanoutPoint(
  mode: FanoutResult['mode'],
  n: number,
  config: BenchConfig,
): Promise<FanoutResult> {
  const variant = fanoutVariants[mode];
  const server = startChild({
    script: 'benchServer.ts',
    args: [variant.server],
    core: 0,
    exposeGc: true,
  });
  try {
    const ready = await server.next<Ready>('ready');
    const heapBefore = await heapUsed(server);
    const subscribers = startSubscriberGroup({
      clients: variant.clients,
      wsUrl: ready.wsUrl,
      token: ready.token,
      n,
      placements: config.clientCores,
      semiSpaceMb: config.clientSemiSpaceMb,
    });
    try {
      await subscribers.ready();
      const heapAfter = await heapUsed(server);
      const timeline = new Timeline(subscribers.size);
      server.on<Sent>('sent', timeline.onSent);
      subscribers.on<Delivered>('delivered', timeline.onDelivered);
      subscribers.on<First>('first', timeline.onFirst);

      await broadcastAndWait({
        server,
        timeline,
        from: 0,
        count: WARMUP,
        config,
      });
      const count = Math.round(config.broadcastSeconds * config.rate);
      server.send({ cmd: 'cpuStart' });
      await subscribers.cpu('cpuStart');
      const spanStart = performance.now();
      await broadcastAndWait({ server, timeline, from: WARMUP, count, config });
      const spanUs = (performance.now() - spanStart) * 1_000;
      const cpu = server.next<{ type: 'cpu'; micros: number }>('cpu');
      server.send({ cmd: 'cpuStop' });
      const { micros } = await cpu;
      const clientMicros = await subscribers.cpu('cpuStop');

      const measured = Array.from({ length: count }, (_, i) => WARMUP + i);
      const latencies = sorted(measured.map((seq) => timeline.latencyMs(seq)));
      const firsts = sorted(measured.map((seq) => timeline.firstMs(seq)));
      const writes = sorted(measured.map((seq) => timeline.writeMs(seq)));
      return {
        mode,
        subscribers: n,
        sent: count,
        delivered: latencies.length,
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        firstP99Ms: percentile(firsts, 0.99),
        writeP99Ms: percentile(writes, 0.99),
        cpuPerDeliveryUs: micros / (Math.max(1, latencies.length) * n),
        clientCpuPerDeliveryUs:
          clientMicros / (Math.max(1, latencies.length) * n),
        clientBusy: clientMicros / spanUs / subscribers.size,
        heapPerSubscriberKb: (heapAfter - heapBefore) / n / 1024,
      };
    } finally {
      await subscribers.stop();
    }
  } finally {
    await server.stop();
  }
}

/** One query point: `status.list` from 50 connections for a few seconds. */
export async function runQueryPoint(
  mode: QueryResult['mode'],
  config: BenchConfig,
): Promise<QueryResult> {
  const server = startChild({
    script: 'benchServer.ts',
    args: [mode],
    core: 0,
  });
  try {
    const ready = await server.next<Ready>('ready');
    server.send({ cmd: 'cpuStart' });
    const load = startChild({
      script: 'loadGenerator.ts',
      args: [
        ready.httpUrl,
        mode.endsWith('-bare') ? 'bare' : 'trpc',
        String(config.concurrency),
        String(config.httpSeconds * 1_000),
        ready.token,
      ],
      core: 1,
    });
    try {
      const done = await load.next<FromLoad>('done');
      const cpu = server.next<{ type: 'cpu'; micros: number }>('cpu');
      server.send({ cmd: 'cpuStop' });
      const { micros } = await cpu;
      return {
        mode,
        requestsPerSecond: done.requests / config.httpSeconds,
        p99Ms: done.p99Ms,
        cpuPerRequestUs: micros / Math.max(1, done.requests),
        bodyBytes: done.bodyBytes,
        bodyHash: done.bodyHash,
        errors: done.errors,
      };
    } finally {
      await load.stop();
    }
  } finally {
    await server.stop();
  }
}

export type { ServerMode };
