import type { TransportState } from '../api/dashboardApi';
import type { EngineModeDto } from '@medianest/status-client';

/** What the connection indicator shows. */
export type IndicatorState =
  'connecting' | 'live' | 'reconnecting' | 'probing' | 'stale';

export const INDICATOR_LABELS: Record<IndicatorState, string> = {
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  probing: 'Fallback probing',
  stale: 'Stale',
};

export const INDICATOR_HINTS: Record<IndicatorState, string> = {
  connecting: 'Opening the live connection to the status server.',
  live: 'Receiving changes as they happen.',
  reconnecting: 'Lost the status server; retrying. Data shown may be old.',
  probing:
    'Uptime Kuma is unreachable; the server is probing services directly.',
  stale: 'No news from the status server for a while.',
};

/** No event or health answer for this long means the data may be stale. */
export const STALE_AFTER_MS = 60_000;

export interface IndicatorInput {
  transport: TransportState;
  mode: EngineModeDto | undefined;
  /** Newest of: last stream event, last health answer. */
  lastContactAt: number | null;
  now: number;
}

export function indicatorState(input: IndicatorInput): IndicatorState {
  if (input.transport === 'connecting') return 'connecting';
  if (input.transport === 'reconnecting') return 'reconnecting';
  if (input.mode === 'probe') return 'probing';

  const quietFor =
    input.lastContactAt === null ? 0 : input.now - input.lastContactAt;
  return quietFor > STALE_AFTER_MS ? 'stale' : 'live';
}
