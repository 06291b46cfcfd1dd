import { describe, expect, it } from 'vitest';
import { configFromEnv, shares } from '../bench/benchConfig';

describe('bench settings', () => {
  it('defaults to one subscriber process on core 1 with a 64 MB nursery', () => {
    const config = configFromEnv({}, 2);
    expect(config.sizes).toEqual([100, 1_000, 5_000]);
    expect(config.clientCores).toEqual([{ core: 1, weight: 1 }]);
    expect(config.clientSemiSpaceMb).toBe(64);
  });

  it('reads weighted placements and V8 default heap', () => {
    const config = configFromEnv(
      { BENCH_CLIENT_CORES: '1:2,0', BENCH_CLIENT_SEMI_SPACE: '0' },
      2,
    );
    expect(config.clientCores).toEqual([
      { core: 1, weight: 2 },
      { core: 0, weight: 1 },
    ]);
    expect(config.clientSemiSpaceMb).toBe(0);
  });

  it.each(['2', '1:0', '1:', ':1', 'one', '1,-1'])(
    'refuses BENCH_CLIENT_CORES=%s, naming it',
    (value) => {
      expect(() => configFromEnv({ BENCH_CLIENT_CORES: value }, 2)).toThrow(
        `BENCH_CLIENT_CORES=${value}: list core numbers from 0 to 1`,
      );
    },
  );

  it('refuses a rate that is not a positive number', () => {
    expect(() => configFromEnv({ BENCH_RATE: '0' }, 2)).toThrow(
      'BENCH_RATE=0: give a number more than zero',
    );
  });
});

describe('shares', () => {
  it('splits by weight and hands the remainder to the first', () => {
    expect(shares(5_000, [2, 1])).toEqual([3_334, 1_666]);
    expect(shares(10, [1, 1, 1])).toEqual([4, 3, 3]);
  });

  it('gives nothing to a process when there are fewer subscribers', () => {
    expect(shares(1, [1, 1])).toEqual([1, 0]);
  });
});
