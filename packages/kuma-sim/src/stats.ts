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
 * maintenance and counts pending as down; 1.23 counts maintenance as up.
 * Both weight every beat equally here, where 1.23 weights by duration.
 */
export function uptime(
  spec: DialectSpec,
  opts: { monitor: SimMonitorState; now: Date; period: number | string },
): number {
  const hours = opts.period === '1y' ? 365 * 24 : Number(opts.period);
  const beats = since(opts.monitor.beats, opts.now, hours * 3600 * 1000);
  const v2 = spec.incrementalListUpdates;
  const counted = v2 ? beats.filter((b) => b.status !== 3) : beats;
  if (counted.length === 0) return 0;
  const up = counted.filter((b) => b.status === 1 || b.status === 3);
  return up.length / counted.length;
}

function since(beats: StoredBeat[], now: Date, ms: number): StoredBeat[] {
  const from = now.getTime() - ms;
  return beats.filter((b) => b.time.getTime() >= from);
}

function mean(values: number[]): number {
  if (values.length === 0) return 0;
  return values.reduce((a, b) => a + b, 0) / values.length;
}
