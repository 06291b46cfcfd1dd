import { describe, expect, it } from 'vitest';
import { aggregateStatus } from '../src/aggregateStatus';
import { deriveMonitorStatus } from '../src/deriveMonitorStatus';
import { deriveServiceStatus } from '../src/deriveServiceStatus';
import { isVisibleChange } from '../src/isVisibleChange';
import type { ServiceState, ServiceStatus } from '../src/types';
import { beat, monitor, NOW } from './fakeSource';

const derive = (input: Partial<Parameters<typeof deriveMonitorStatus>[0]>) =>
  deriveMonitorStatus({
    monitor: monitor(),
    beat: beat(),
    now: NOW,
    stalenessFactor: 2.5,
    ...input,
  });

describe('deriveMonitorStatus', () => {
  it.each([
    ['beat 1', { beat: beat({ status: 1 }) }, 'up'],
    ['beat 0', { beat: beat({ status: 0, msg: 'ECONNREFUSED' }) }, 'down'],
    ['beat 2 (pending)', { beat: beat({ status: 2 }) }, 'degraded'],
    ['beat 3', { beat: beat({ status: 3 }) }, 'maintenance'],
    ['paused', { monitor: monitor({ active: false }) }, 'unknown'],
    ['no beat', { beat: undefined }, 'unknown'],
    [
      'stale beat (3 intervals)',
      { beat: beat({ time: new Date(NOW - 180_000) }) },
      'unknown',
    ],
    [
      'recent enough (2 intervals)',
      { beat: beat({ time: new Date(NOW - 120_000) }) },
      'up',
    ],
    [
      'slow ping',
      { beat: beat({ ping: 900 }), degradedAboveMs: 500 },
      'degraded',
    ],
    [
      'ping at threshold',
      { beat: beat({ ping: 500 }), degradedAboveMs: 500 },
      'up',
    ],
    [
      'slow but down',
      { beat: beat({ status: 0, ping: 900 }), degradedAboveMs: 500 },
      'down',
    ],
  ] as const)('%s → %s', (_name, input, expected) => {
    expect(derive(input).status).toBe(expected);
  });

  it('keeps the failure text and drops the routine up text', () => {
    expect(derive({ beat: beat({ status: 0, msg: 'timeout' }) }).message).toBe(
      'timeout',
    );
    expect(derive({}).message).toBeUndefined();
    expect(
      derive({ beat: beat({ ping: 900 }), degradedAboveMs: 500 }).message,
    ).toBe('Response time 900 ms is above 500 ms');
  });

  it('judges staleness by the longer of interval and retry interval', () => {
    const slowRetry = monitor({ interval: 20, retryInterval: 120 });
    const old = beat({ status: 2, time: new Date(NOW - 200_000) });
    expect(derive({ monitor: slowRetry, beat: old }).status).toBe('degraded');
  });
});

describe('aggregateStatus', () => {
  const s = (...states: ServiceState[]) => states;
  it.each([
    [s(), 'worst', 'unknown'],
    [s('up', 'up'), 'worst', 'up'],
    [s('up', 'down'), 'worst', 'down'],
    [s('degraded', 'maintenance'), 'worst', 'degraded'],
    [s('maintenance', 'up'), 'worst', 'maintenance'],
    [s('unknown', 'up'), 'worst', 'up'],
    [s('unknown', 'down'), 'worst', 'down'],
    [s('unknown', 'unknown'), 'worst', 'unknown'],
    [s('up', 'up', 'down'), { quorum: 2 }, 'up'],
    [s('up', 'down', 'down'), { quorum: 2 }, 'down'],
    [s('up', 'degraded', 'down'), { quorum: 2 }, 'degraded'],
    [s('up', 'maintenance', 'down'), { quorum: 2 }, 'maintenance'],
    [s('up', 'unknown', 'down'), { quorum: 2 }, 'unknown'],
    [s('up', 'up'), { quorum: 5 }, 'up'],
  ] as const)('%j with %j → %s', (states, aggregation, expected) => {
    expect(aggregateStatus(states, aggregation)).toBe(expected);
  });
});

describe('deriveServiceStatus', () => {
  const monitors = [
    monitor({ id: 1, name: 'API http' }),
    monitor({ id: 2, name: 'API tcp' }),
  ];
  const beats = new Map([
    [1, beat({ monitorId: 1, ping: 120 })],
    [
      2,
      beat({
        monitorId: 2,
        status: 0,
        msg: 'refused',
        ping: null,
        time: new Date(NOW - 1000),
      }),
    ],
  ]);
  const lookup = {
    monitor: (id: number) => monitors.find((m) => m.id === id),
    latestBeat: (id: number) => beats.get(id),
    stats: (id: number) =>
      id === 1
        ? {
            avgPing: 100,
            uptime: { '24h': 0.99, '30d': 0.95, '1y': 0.9 },
            cert: {
              valid: true,
              daysRemaining: 40,
              validTo: null,
              issuer: null,
              certType: null,
            },
          }
        : { avgPing: null, uptime: { '24h': 0.5, '30d': 0.97 } },
  };

  it('combines monitors pessimistically', () => {
    const status = deriveServiceStatus({
      service: {
        id: 'api',
        displayName: 'MediaNest API',
        monitorIds: [1, 2],
        aggregation: 'worst',
      },
      lookup,
      now: NOW,
      stalenessFactor: 2.5,
    });
    expect(status).toEqual({
      service: 'api',
      displayName: 'MediaNest API',
      status: 'down',
      responseTime: 120,
      uptime24h: 0.5,
      uptime30d: 0.95,
      uptime1y: 0.9,
      certDaysRemaining: 40,
      lastCheck: new Date(NOW),
      message: 'API tcp: refused',
      source: 'kuma',
      monitors: [
        {
          monitorId: 1,
          name: 'API http',
          status: 'up',
          responseTime: 120,
          lastCheck: new Date(NOW),
        },
        {
          monitorId: 2,
          name: 'API tcp',
          status: 'down',
          lastCheck: new Date(NOW - 1000),
          message: 'refused',
        },
      ],
    });
  });

  it('says so when no monitor matches', () => {
    const status = deriveServiceStatus({
      service: {
        id: 'x',
        displayName: 'X',
        monitorIds: [],
        aggregation: 'worst',
      },
      lookup,
      now: NOW,
      stalenessFactor: 2.5,
    });
    expect(status).toMatchObject({
      status: 'unknown',
      message: 'No Kuma monitor matches this service',
    });
  });
});

describe('isVisibleChange', () => {
  const base: ServiceStatus = {
    service: 'a',
    displayName: 'A',
    status: 'up',
    responseTime: 100,
    source: 'kuma',
    monitors: [],
  };
  it.each([
    ['first status', undefined, base, true],
    ['same', base, { ...base, lastCheck: new Date(), uptime24h: 0.5 }, false],
    ['ping within noise', base, { ...base, responseTime: 199 }, false],
    ['ping beyond noise', base, { ...base, responseTime: 200 }, true],
    ['status', base, { ...base, status: 'down' as const }, true],
    ['message', base, { ...base, message: 'slow' }, true],
    ['source', base, { ...base, source: 'probe' as const }, true],
  ])('%s → %s', (...[, previous, next, expected]) => {
    expect(isVisibleChange({ previous, next, noiseMs: 100 })).toBe(expected);
  });
});
