import { writeFileSync } from 'node:fs';
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
    sizes: sizes.split(',').map(Number),
    rate: 10,
    broadcastSeconds: Number(process.env.BENCH_SECONDS ?? (quick ? 2 : 3)),
    httpSeconds: Number(process.env.BENCH_HTTP_SECONDS ?? (quick ? 2 : 5)),
    concurrency: 50,
  };
}

const queryModes = [
  'http-bare',
  'http-trpc',
  'http-cached',
  'http-app',
] as const;

/** `BENCH_MODES=raw,fast` runs only those servers. */
function selected(mode: string) {
  const modes = process.env.BENCH_MODES?.split(',');
  return !modes || modes.includes(mode);
}

async function main() {
  const config = configFromEnv();
  const started = Date.now();
  const fanout: FanoutResult[] = [];
  for (const n of config.sizes) {
    for (const mode of fanoutModes.filter(selected)) {
      const result = await runFanoutPoint(mode, n, config);
      fanout.push(result);
      console.log(renderTable([result], []));
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
    const markdown = renderMarkdown({ config, fanout, queries, seconds });
    // Formatted as the repository's prettier check expects.
    const options = await resolveConfig(file);
    writeFileSync(file, await format(markdown, { ...options, filepath: file }));
    console.log(`wrote ${file}`);
  }
}

await main();
