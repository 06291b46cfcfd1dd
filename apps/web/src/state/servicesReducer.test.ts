import { describe, expect, it } from 'vitest';
import type {
  ServiceStatusDto,
  StatusChangeDto,
} from '@medianest/status-client';
import {
  initialServicesState,
  orderedStatuses,
  servicesReducer,
  SPARKLINE_SIZE,
} from './servicesReducer';
import { indicatorState, STALE_AFTER_MS } from './indicatorState';

const status = (patch: Partial<ServiceStatusDto>): ServiceStatusDto => ({
  service: 'plex',
  displayName: 'Plex',
  status: 'up',
  source: 'kuma',
  monitors: [],
  ...patch,
});

const change = (id: string, responseTime: number): StatusChangeDto => ({
  id,
  at: new Date(),
  service: 'plex',
  previous: 'up',
  status: status({ responseTime }),
});

describe('servicesReducer', () => {
  it('keeps the latest status and a bounded list of response times', () => {
    let state = initialServicesState;
    for (let i = 0; i < SPARKLINE_SIZE + 5; i++) {
      const next = status({ responseTime: i });
      state = servicesReducer(state, {
        type: 'event',
        id: String(i),
        status: next,
        at: i,
      });
    }
    const values = state.samples.plex?.map((s) => s.value) ?? [];
    expect(values).toHaveLength(SPARKLINE_SIZE);
    expect(values.at(-1)).toBe(SPARKLINE_SIZE + 4);
    expect(state.statuses.plex?.responseTime).toBe(SPARKLINE_SIZE + 4);
    expect(state.lastEventAt).toBe(SPARKLINE_SIZE + 4);
  });

  it('puts history before streamed samples without counting an id twice', () => {
    let state = servicesReducer(initialServicesState, {
      type: 'event',
      id: '3',
      status: status({ responseTime: 30 }),
      at: 1,
    });
    // Newest first, as status.history answers; '3' was also streamed.
    const items = [change('3', 30), change('2', 20), change('1', 10)];
    state = servicesReducer(state, { type: 'history', items });

    expect(state.samples.plex?.map((s) => s.value)).toEqual([10, 20, 30]);
  });

  it('does not let a list answer replace a status checked later', () => {
    const newer = status({ status: 'down', lastCheck: new Date(2000) });
    const older = status({ status: 'up', lastCheck: new Date(1000) });
    let state = servicesReducer(initialServicesState, {
      type: 'event',
      id: '1',
      status: newer,
      at: 1,
    });
    state = servicesReducer(state, { type: 'list', statuses: [older], at: 2 });
    expect(state.statuses.plex?.status).toBe('down');

    const other = status({ service: 'nas', displayName: 'NAS' });
    state = servicesReducer(state, { type: 'list', statuses: [other], at: 3 });
    expect(orderedStatuses(state).map((s) => s.service)).toEqual([
      'nas',
      'plex',
    ]);
  });
});

describe('indicatorState', () => {
  const base = { mode: 'kuma' as const, lastContactAt: 1000, now: 2000 };

  it('follows the socket first, then the engine mode, then freshness', () => {
    expect(indicatorState({ ...base, transport: 'connecting' })).toBe(
      'connecting',
    );
    expect(indicatorState({ ...base, transport: 'reconnecting' })).toBe(
      'reconnecting',
    );
    expect(indicatorState({ ...base, transport: 'open', mode: 'probe' })).toBe(
      'probing',
    );
    expect(indicatorState({ ...base, transport: 'open' })).toBe('live');
    const late = { ...base, now: 1000 + STALE_AFTER_MS + 1 };
    expect(indicatorState({ ...late, transport: 'open' })).toBe('stale');
  });
});
