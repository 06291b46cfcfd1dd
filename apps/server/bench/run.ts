import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { hasTaskset, repoRoot } from './children';
import { renderMarkdown, renderTable } from './report';
import {
  fanoutModes,
  runFanoutPoint,
  runQueryPoint,
  type BenchConfig,
  type FanoutResult,
  type QueryResult,
} from './scenarios';

/**
 * `pnpm bench`: fan-out latency, CPU and heap for raw ws, the stock tRPC
 * path and the fast path, then `status.list` throughput. Writes
 * BENCHMARKS.md unless BENCH_WRITE=0.
 */
function configFromEnv(): BenchConfig {
  const quick = process.env.BENCH_QUICK === '1';
  const sizes = process.env.BENCH_SIZES ?? '100,1000,5000';
  return {
    sizes: sizes.split(',').map((size) => positive('BENCH_SIZES', size)),
    rate: positiveEnv('BENCH_RATE', 10),
    broadcastSeconds: positiveEnv('BENCH_SECONDS', quick ? 2 : 3),
    httpSeconds: positiveEnv('BENCH_HTTP_SECONDS', quick ? 2 : 5, true),
    concurrency: 50,
    repeatLargest: positiveEnv('BENCH_REPEAT', 1),
    clientCores: clientCoresFromEnv(),
  };
}

/** A number from the environment, `fallback` when unset. */
function positiveEnv(name: string, fallback: number, zeroSkips = false) {
  const value = process.env[name];
  return value === undefined ? fallback : positive(name, value, zeroSkips);
}

function positive(name: string, value: string, zeroSkips = false) {
  const number = Number(value);
  if (Number.isFinite(number) && (number > 0 || (zeroSkips && number === 0))) {
    return number;
  }
  const allowed = zeroSkips ? 'zero or more' : 'more than zero';
  throw new Error(`${name}=${value}: give a number ${allowed}`);
}

/** `BENCH_CLIENT_CORES=1,2`: one subscriber process on each core listed. */
function clientCoresFromEnv() {
  const value = process.env.BENCH_CLIENT_CORES ?? '1';
  const cores = value.split(',').map(Number);
  const valid = (core: number) =>
    Number.isInteger(core) && core >= 0 && core < cpus().length;
  if (!cores.every(valid)) {
    throw new Error(
      `BENCH_CLIENT_CORES=${value}: list core numbers from 0 to ` +
        `${cpus().length - 1}, separated by commas`,
    );
  }
  return cores;
}

const queryModes = [
  'http-bare',
  'http-trpc',
  'http-app-bare',
  'http-app',
  'http-app-stock',
] as const;

/** `BENCH_MODES=raw,fast` runs only those servers. */
function selected(mode: string) {
  const modes = process.env.BENCH_MODES?.split(',');
  return !modes || modes.includes(mode);
}

async function main() {
  const config = configFromEnv();
  const started = Date.now();
  const loadAtStart = loadavg();
  const fanout: FanoutResult[] = [];
  const largest = Math.max(...config.sizes);
  for (const n of config.sizes) {
    // The largest size is the noisiest on a shared machine: BENCH_REPEAT
    // runs its points again, each run's rows compared with its own raw.
    const runs = n === largest ? config.repeatLargest : 1;
    for (let run = 1; run <= runs; run += 1) {
      for (const mode of fanoutModes.filter(selected)) {
        const result = { ...(await runFanoutPoint(mode, n, config)), run };
        fanout.push(result);
        console.log(renderTable([result], []));
      }
    }
  }
  const queries: QueryResult[] = [];
  for (const mode of queryModes.filter(selected)) {
    const result = await runQueryPoint(mode, config);
    queries.push(result);
    console.log(renderTable([], [result]));
  }

  const seconds = Math.round((Date.now() - started) / 1_000);
  console.log(renderTable(fanout, queries));
  console.log(`done in ${seconds} s${hasTaskset ? '' : ' (no taskset)'}`);
  if (process.env.BENCH_WRITE !== '0') {
    const file = join(repoRoot, 'BENCHMARKS.md');
    const markdown = renderMarkdown({
      config,
      fanout,
      queries,
      seconds,
      loadAtStart,
    });
    // Formatted as the repository's prettier check expects.
    const options = await resolveConfig(file);
    writeFileSync(file, await format(markdown, { ...options, filepath: file }));
    console.log(`wrote ${file}`);
  }
}

await main();
