import type { DialectSpec } from './dialects';
import type { SimMonitorState, StoredBeat } from './monitorStore';
import { countedBeats } from './uptimeBuckets';

const DAY_MS = 24 * 3600 * 1000;

/** `avgPing` over the last 24 h: 2.x two decimals or null, 1.23 integer. */
export function avgPing(
  spec: DialectSpec,
  opts: { monitor: SimMonitorState; now: Date },
): number | null {
  const { beats } = opts.monitor;
  if (spec.incrementalListUpdates) {
    const counted = countedBeats(beats, opts.now, 24);
    const pings = counted.filter((b) => b.status === 1).map((b) => b.ping);
    const avg = mean(pings.map((ping) => ping ?? 0));
    // Kuma turns an average of exactly 0 into null as well.
    return avg ? Number(avg.toFixed(2)) : null;
  }
  const recent = since(beats, opts.now, DAY_MS);
  const pings = recent.flatMap((b) => (b.ping === null ? [] : [b.ping]));
  return pings.length === 0 ? null : Math.trunc(mean(pings));
}

/**
 * Uptime fraction of a period (24, 720 or '1y'). 2.x counts beats in whole
 * buckets, skips maintenance and counts pending as down; 1.23 weights beats
 * by duration and counts maintenance as up.
 */
export function uptime(
  spec: DialectSpec,
  opts: { monitor: SimMonitorState; now: Date; period: number | string },
): number {
  const { beats } = opts.monitor;
  if (!spec.incrementalListUpdates) {
    const hours = opts.period === '1y' ? 365 * 24 : Number(opts.period);
    return weightedUptime(beats, opts.now, hours * 3600 * 1000);
  }
  const counted = countedBeats(beats, opts.now, opts.period);
  if (counted.length === 0) return 0;
  return counted.filter((b) => b.status === 1).length / counted.length;
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
