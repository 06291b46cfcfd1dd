import type { BenchConfig, ClientPlacement } from './scenarios';

type Env = Record<string, string | undefined>;

/**
 * The bench's settings from `env` (BENCH_*), on a machine of `cores`
 * cores; a bad value throws an error that names the variable.
 */
export function configFromEnv(env: Env, cores: number): BenchConfig {
  const positiveEnv = (name: string, fallback: number, zeroSkips = false) => {
    const value = env[name];
    return value === undefined ? fallback : positive(name, value, zeroSkips);
  };
  const quick = env.BENCH_QUICK === '1';
  const sizes = env.BENCH_SIZES ?? '100,1000,5000';
  return {
    sizes: sizes.split(',').map((size) => positive('BENCH_SIZES', size)),
    rate: positiveEnv('BENCH_RATE', 10),
    broadcastSeconds: positiveEnv('BENCH_SECONDS', quick ? 2 : 3),
    httpSeconds: positiveEnv('BENCH_HTTP_SECONDS', quick ? 2 : 5, true),
    concurrency: 50,
    repeatLargest: positiveEnv('BENCH_REPEAT', 1),
    clientCores: placements(env.BENCH_CLIENT_CORES ?? '1', cores),
    clientSemiSpaceMb: positiveEnv('BENCH_CLIENT_SEMI_SPACE', 64, true),
  };
}

function positive(name: string, value: string, zeroSkips = false) {
  const number = Number(value);
  if (Number.isFinite(number) && (number > 0 || (zeroSkips && number === 0))) {
    return number;
  }
  const allowed = zeroSkips ? 'zero or more' : 'more than zero';
  throw new Error(`${name}=${value}: give a number ${allowed}`);
}

/**
 * `BENCH_CLIENT_CORES=1,2`: one subscriber process on each core listed.
 * `1:3,0:2` gives the processes 3 and 2 shares of the subscribers.
 */
function placements(value: string, cores: number): ClientPlacement[] {
  const number = (text: string) => (text.trim() === '' ? NaN : Number(text));
  const entries = value.split(',').map((entry) => {
    const [core = '', weight = '1'] = entry.split(':');
    return { core: number(core), weight: number(weight) };
  });
  const valid = ({ core, weight }: ClientPlacement) =>
    Number.isInteger(core) &&
    core >= 0 &&
    core < cores &&
    Number.isFinite(weight) &&
    weight > 0;
  if (!entries.every(valid)) {
    throw new Error(
      `BENCH_CLIENT_CORES=${value}: list core numbers from 0 to ` +
        `${cores - 1}, separated by commas, each with an optional ` +
        `share of the subscribers after a colon (1:3,0:2)`,
    );
  }
  return entries;
}

/** `n` split by weight; the remainder goes to the first processes. */
export function shares(n: number, weights: number[]) {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const counts = weights.map((w) => Math.floor((n * w) / total));
  let left = n - counts.reduce((sum, c) => sum + c, 0);
  for (let i = 0; left > 0; i = (i + 1) % counts.length, left -= 1) {
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}
