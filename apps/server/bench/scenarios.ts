import type { ServerMode } from './benchServer';
import { startChild } from './children';
import type { FromLoad, FromServer } from './ipc';

/** How long each measurement runs; `BENCH_QUICK=1` shortens all of them. */
export interface BenchConfig {
  sizes: number[];
  rate: number;
  broadcastSeconds: number;
  httpSeconds: number;
  concurrency: number;
}

export interface FanoutResult {
  mode: 'raw' | 'stock' | 'fast';
  subscribers: number;
  sent: number;
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  cpuPerDeliveryUs: number;
  heapPerSubscriberKb: number;
}

export interface QueryResult {
  mode: 'http-bare' | 'http-trpc' | 'http-cached';
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

async function heapUsed(server: ReturnType<typeof startChild>) {
  const reply = server.next<FromServer & { type: 'heap' }>('heap');
  server.send({ cmd: 'heap' });
  return (await reply).heapUsed;
}

/** Broadcasts `count` events and waits until every subscriber has each. */
async function broadcastAndWait(opts: {
  server: ReturnType<typeof startChild>;
  deliveries: Map<number, number>;
  from: number;
  count: number;
  config: BenchConfig;
}) {
  const { server, deliveries, from, count, config } = opts;
  server.send({ cmd: 'broadcast', rate: config.rate, from, count });
  const drainMs = 8_000 + (count / config.rate) * 1_000;
  const deadline = performance.now() + drainMs;
  const complete = () => {
    for (let seq = from; seq < from + count; seq += 1) {
      if (!deliveries.has(seq)) return false;
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
  const server = startChild({
    script: 'benchServer.ts',
    args: [mode],
    core: 0,
    exposeGc: true,
  });
  try {
    const { port } = await server.next<{ type: 'ready'; port: number }>(
      'ready',
    );
    const heapBefore = await heapUsed(server);
    const subscribers = startChild({
      script: 'benchClients.ts',
      args: [
        mode === 'raw' ? 'raw' : 'trpc',
        `ws://127.0.0.1:${port}`,
        String(n),
      ],
      core: 1,
    });
    try {
      await subscribers.next('ready', 300_000);
      const heapAfter = await heapUsed(server);
      const sent = new Map<number, number>();
      const deliveries = new Map<number, number>();
      server.on<{ type: 'sent'; seq: number; t0: number }>('sent', (m) =>
        sent.set(m.seq, m.t0),
      );
      subscribers.on<{ type: 'delivered'; seq: number; t: number }>(
        'delivered',
        (m) => deliveries.set(m.seq, m.t),
      );

      await broadcastAndWait({
        server,
        deliveries,
        from: 0,
        count: WARMUP,
        config,
      });
      const count = Math.round(config.broadcastSeconds * config.rate);
      server.send({ cmd: 'cpuStart' });
      await broadcastAndWait({
        server,
        deliveries,
        from: WARMUP,
        count,
        config,
      });
      const cpu = server.next<{ type: 'cpu'; micros: number }>('cpu');
      server.send({ cmd: 'cpuStop' });
      const { micros } = await cpu;

      const latencies: number[] = [];
      for (let seq = WARMUP; seq < WARMUP + count; seq += 1) {
        const t0 = sent.get(seq);
        const t = deliveries.get(seq);
        if (t0 !== undefined && t !== undefined) latencies.push((t - t0) / 1e6);
      }
      latencies.sort((a, b) => a - b);
      return {
        mode,
        subscribers: n,
        sent: count,
        delivered: latencies.length,
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        cpuPerDeliveryUs: micros / (Math.max(1, latencies.length) * n),
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
    const { port } = await server.next<{ type: 'ready'; port: number }>(
      'ready',
    );
    server.send({ cmd: 'cpuStart' });
    const load = startChild({
      script: 'loadGenerator.ts',
      args: [
        `http://127.0.0.1:${port}`,
        mode === 'http-bare' ? 'bare' : 'trpc',
        String(config.concurrency),
        String(config.httpSeconds * 1_000),
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
