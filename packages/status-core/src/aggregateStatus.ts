import type { Aggregation } from './configSchema';
import type { ServiceState } from './types';

/**
 * How bad each state is, worst first. `unknown` is missing evidence rather
 * than bad news, so under worst-of it only wins when no monitor knows
 * anything: a paused spare monitor does not hide a working service.
 */
export const STATE_SEVERITY: Record<ServiceState, number> = {
  down: 4,
  degraded: 3,
  maintenance: 2,
  up: 1,
  unknown: 0,
};

/**
 * Combines monitor states into a service state.
 * - `'worst'`: the most severe known state (down > degraded > maintenance >
 *   up); `unknown` when every monitor is unknown or there are none.
 * - `{ quorum: n }`: `up` when n monitors are up; otherwise `degraded` when
 *   n are up or degraded; `maintenance` when n are at least in maintenance;
 *   `unknown` when n could still be reached by the unknown ones; else `down`.
 *   n is capped at the number of monitors.
 */
export function aggregateStatus(
  states: readonly ServiceState[],
  aggregation: Aggregation,
): ServiceState {
  if (states.length === 0) return 'unknown';
  if (aggregation === 'worst') return worstOf(states);
  return quorumOf(states, Math.min(aggregation.quorum, states.length));
}

function worstOf(states: readonly ServiceState[]): ServiceState {
  return states.reduce<ServiceState>(
    (worst, state) =>
      STATE_SEVERITY[state] > STATE_SEVERITY[worst] ? state : worst,
    'unknown',
  );
}

const QUORUM_LADDER: readonly (readonly [ServiceState, ServiceState[]])[] = [
  ['up', ['up']],
  ['degraded', ['up', 'degraded']],
  ['maintenance', ['up', 'degraded', 'maintenance']],
  ['unknown', ['up', 'degraded', 'maintenance', 'unknown']],
];

function quorumOf(states: readonly ServiceState[], quorum: number) {
  for (const [result, counted] of QUORUM_LADDER) {
    const count = states.filter((state) => counted.includes(state)).length;
    if (count >= quorum) return result;
  }
  return 'down';
}
