import type {
  BeatStatus,
  KumaHeartbeat,
  KumaMonitor,
} from '@medianest/kuma-client';
import type { MonitorStatus, ServiceState } from './types';

export interface DeriveMonitorInput {
  monitor: KumaMonitor;
  beat: KumaHeartbeat | undefined;
  /** Epoch milliseconds. */
  now: number;
  /** A beat older than the interval times this is stale. */
  stalenessFactor: number;
  /** A ping above this (ms) turns `up` into `degraded`. */
  degradedAboveMs?: number;
}

const BEAT_STATE: Record<BeatStatus, ServiceState> = {
  0: 'down',
  1: 'up',
  2: 'degraded',
  3: 'maintenance',
};

/** What one monitor says, from its settings and its latest beat. */
export function deriveMonitorStatus(input: DeriveMonitorInput): MonitorStatus {
  const { monitor, beat } = input;
  const base = { monitorId: monitor.id, name: monitor.name };
  if (!monitor.active) {
    return { ...base, status: 'unknown', message: 'Monitor is paused' };
  }
  if (beat === undefined) {
    return { ...base, status: 'unknown', message: 'No heartbeat yet' };
  }

  const age = input.now - beat.time.getTime();
  if (age > staleAfterMs(monitor, input.stalenessFactor)) {
    const seconds = Math.round(age / 1000);
    return {
      ...base,
      status: 'unknown',
      lastCheck: beat.time,
      message: `No heartbeat for ${seconds} s`,
    };
  }
  return { ...base, ...fromBeat(beat, input.degradedAboveMs) };
}

/** How old a beat may get before it says nothing about the present. */
export function staleAfterMs(monitor: KumaMonitor, factor: number): number {
  // While retrying Kuma beats at retryInterval, which may be the longer one.
  const seconds = Math.max(monitor.interval, monitor.retryInterval, 1);
  return seconds * 1000 * factor;
}

function fromBeat(
  beat: KumaHeartbeat,
  degradedAboveMs: number | undefined,
): Omit<MonitorStatus, 'monitorId' | 'name'> {
  const status = BEAT_STATE[beat.status];
  const responseTime = beat.ping ?? undefined;
  const result = { status, responseTime, lastCheck: beat.time };
  const slow =
    degradedAboveMs !== undefined &&
    responseTime !== undefined &&
    responseTime > degradedAboveMs;
  if (status === 'up' && slow) {
    const message = `Response time ${responseTime} ms is above ${degradedAboveMs} ms`;
    return { ...result, status: 'degraded', message };
  }
  // An up beat's text ("200 - OK") says nothing a person needs.
  return status === 'up'
    ? result
    : { ...result, message: beat.msg || undefined };
}
