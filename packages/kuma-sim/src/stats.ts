import type { DialectSpec } from './dialects';
import type { SimMonitorState, StoredBeat } from './monitorStore';

const DAY_MS = 24 * 3600 * 1000;

/** `avgPing` over the last 24 h: 2.x two decimals or null, 1.23 integer. */
export function avgPing(
  spec: DialectSpec,
  opts: { monitor: SimMonitorState; now: Date },
): number | null {
  const recent = since(opts.monitor.beats, opts.now, DAY_MS);
  if (spec.incrementalListUpdates) {
    const pings = recent.filter((b) => b.status === 1).map((b) => b.ping ?? 0);
    const avg = mean(pings);
    // Kuma turns an average of exactly 0 into null as well.
    return avg ? Number(avg.toFixed(2)) : null;
  }
  const pings = recent.flatMap((b) => (b.ping === null ? [] : [b.ping]));
  return pings.length === 0 ? null : Math.trunc(mean(pings));
}

/**
 * Uptime fraction of a period (24, 720 or '1y'). 2.x counts beats, skips
 * maintenance and counts pending as down; 1.23 weights beats by duration
 * and counts maintenance as up.
 */
export function uptime(
  spec: DialectSpec,
  opts: { monitor: SimMonitorState; now: Date; period: number | string },
): number {
  const hours = opts.period === '1y' ? 365 * 24 : Number(opts.period);
  const windowMs = hours * 3600 * 1000;
  if (!spec.incrementalListUpdates) {
    return weightedUptime(opts.monitor.beats, opts.now, windowMs);
  }
  const beats = since(opts.monitor.beats, opts.now, windowMs);
  const counted = beats.filter((b) => b.status !== 3);
  if (counted.length === 0) return 0;
  const up = counted.filter((b) => b.status === 1);
  return up.length / counted.length;
}

/**
 * 1.23: each beat in the window stands for the `duration` seconds before
 * it, cut at the window's start. Without any such time (a monitor's first
 * beat has duration 0), the monitor's oldest beat decides: 1 if it is up.
 */
function weightedUptime(beats: StoredBeat[], now: Date, windowMs: number) {
  const from = now.getTime() - windowMs;
  let total = 0;
  let up = 0;
  for (const beat of beats) {
    const sinceStart = (beat.time.getTime() - from) / 1000;
    if (sinceStart <= 0) continue;
    const seconds = Math.min(beat.duration, sinceStart);
    total += seconds;
    if (beat.status === 1 || beat.status === 3) up += seconds;
  }
  if (total > 0) return Math.max(0, up / total);
  return beats[0]?.status === 1 ? 1 : 0;
}

function since(beats: StoredBeat[], now: Date, ms: number): StoredBeat[] {
  const from = now.getTime() - ms;
  return beats.filter((b) => b.time.getTime() >= from);
}

function mean(values: number[]): number {
  if (values.length === 0) return 0;
  return values.reduce((a, b) => a + b, 0) / values.length;
}
