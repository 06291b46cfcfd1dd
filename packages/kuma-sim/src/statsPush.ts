import { certInfoJson } from './certInfo';
import type { SimMonitorState } from './monitorStore';
import { afterQuery } from './simContext';
import type { PushTarget, SimContext } from './simContext';
import { avgPing, uptime } from './stats';

/** Where and how to send one monitor's stats. */
export interface StatsTarget {
  monitor: SimMonitorState;
  target: PushTarget;
  /** Burst ids are strings (object keys); live ids are numbers. */
  inBurst: boolean;
}

function wireId(opts: StatsTarget): string | number {
  return opts.inBurst ? String(opts.monitor.id) : opts.monitor.id;
}

/** `avgPing(id, value)`. */
export function emitAvgPing(ctx: SimContext, opts: StatsTarget): void {
  const value = avgPing(ctx.spec, { monitor: opts.monitor, now: new Date() });
  opts.target.emit('avgPing', wireId(opts), value);
}

/** `uptime(id, period, fraction)`. */
export function emitUptime(
  ctx: SimContext,
  opts: StatsTarget & { period: number | string },
): void {
  const { monitor, period } = opts;
  const value = uptime(ctx.spec, { monitor, now: new Date(), period });
  opts.target.emit('uptime', wireId(opts), period, value);
}

/** `certInfo(id, jsonString)`, only for monitors with TLS info. */
export function emitCertInfo(ctx: SimContext, opts: StatsTarget): void {
  const cert = opts.monitor.cert;
  if (cert)
    opts.target.emit('certInfo', wireId(opts), certInfoJson(ctx.spec, cert));
}

/** avgPing, uptime for every period, certInfo: Kuma's `sendStats`. */
export function sendStats(ctx: SimContext, opts: StatsTarget): void {
  emitAvgPing(ctx, opts);
  for (const period of ctx.spec.uptimePeriods) {
    emitUptime(ctx, { ...opts, period });
  }
  emitCertInfo(ctx, opts);
}

/**
 * Kuma 1.23's `sendStats` as the burst awaits it: a query precedes each
 * push, so avgPing, each uptime and certInfo leave in timers of their own,
 * and a monitor's certInfo only after its last uptime.
 */
export async function sendStatsAwaited(
  ctx: SimContext,
  opts: StatsTarget,
): Promise<void> {
  await afterQuery(ctx);
  emitAvgPing(ctx, opts);
  for (const period of ctx.spec.uptimePeriods) {
    await afterQuery(ctx);
    emitUptime(ctx, { ...opts, period });
  }
  // The TLS-info query runs for every monitor; only a stored row is sent.
  await afterQuery(ctx);
  emitCertInfo(ctx, opts);
}
