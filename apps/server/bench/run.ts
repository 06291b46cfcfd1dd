import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { configFromEnv } from './benchConfig';
import { hasTaskset, repoRoot } from './children';
import { renderMarkdown, renderTable } from './report';
import {
  fanoutModes,
  runFanoutPoint,
  runQueryPoint,
  type FanoutResult,
  type QueryResult,
} from './scenarios';

const queryModes = [
  'http-bare',
  'http-trpc',
  'http-app',
  'http-app-stock',
] as const;

/** `BENCH_MODES=raw,fast` runs only those servers. */
function selected(mode: string) {
  const modes = process.env.BENCH_MODES?.split(',');
  return !modes || modes.includes(mode);
}

/**
 * `pnpm bench`: fan-out latency, CPU and heap for raw ws, the stock tRPC
 * path and the fast path, then `status.list` throughput. Writes
 * BENCHMARKS.md unless BENCH_WRITE=0.
 */
async function main() {
  const config = configFromEnv(process.env, cpus().length);
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
