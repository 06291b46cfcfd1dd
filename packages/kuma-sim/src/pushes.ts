import { failureStatus, pushedDown } from './beatRules';
import { liveBeatJson } from './heartbeatRows';
import { monitorJson, monitorListJson } from './monitorJson';
import { maxRetries } from './monitorStore';
import type { SimMonitorState } from './monitorStore';
import { userRoom } from './simContext';
import type { SimContext } from './simContext';
import { sendStats } from './statsPush';
import type { SimBeatInput, SimStatus } from './types';

/** The full `monitorList` to the user room. */
export function pushMonitorList(ctx: SimContext): void {
  userRoom(ctx).emit('monitorList', listJson(ctx));
}

/** `monitorList` payload of the current monitors. */
export function listJson(ctx: SimContext): Record<string, unknown> {
  return monitorListJson({
    spec: ctx.spec,
    store: ctx.store,
    isUnderMaintenance: (id) => ctx.maintenance.isUnderMaintenance(id),
  });
}

/** One monitor object as the list carries it. */
export function oneMonitorJson(
  ctx: SimContext,
  monitor: SimMonitorState,
): Record<string, unknown> {
  return monitorJson({
    spec: ctx.spec,
    store: ctx.store,
    monitor,
    underMaintenance: ctx.maintenance.isUnderMaintenance(monitor.id),
  });
}

/** A changed monitor: 2.x `updateMonitorIntoList`, 1.23 the full list. */
export function pushMonitorChange(
  ctx: SimContext,
  monitor: SimMonitorState,
): void {
  if (!ctx.spec.incrementalListUpdates) return pushMonitorList(ctx);
  userRoom(ctx).emit('updateMonitorIntoList', {
    [String(monitor.id)]: oneMonitorJson(ctx, monitor),
  });
}

/** A deleted monitor: 2.x echoes the id as sent; 1.23 re-sends lists. */
export function pushMonitorDeleted(ctx: SimContext, sentId: unknown): void {
  const room = userRoom(ctx);
  if (ctx.spec.incrementalListUpdates) {
    room.emit('deleteMonitorFromList', sentId);
    return;
  }
  pushMonitorList(ctx);
  room.emit('importantHeartbeatList', sentId, [], true);
}

/** `maintenanceList` to the user room. */
export function pushMaintenanceList(ctx: SimContext): void {
  userRoom(ctx).emit('maintenanceList', ctx.maintenance.listJson(ctx.spec));
}

/**
 * A live beat: stored, pushed as `heartbeat` with its stats, and for
 * important check-loop beats with a `maintenanceList` (before the beat in
 * 2.x, after it in 1.23). A monitor under maintenance beats status 3.
 */
export function emitBeat(
  ctx: SimContext,
  opts: { monitor: SimMonitorState; input: SimBeatInput },
): Record<string, unknown> {
  const { monitor, input } = opts;
  const maintenance = ctx.maintenance.isUnderMaintenance(monitor.id);
  const beat = ctx.store.record(monitor, {
    ...(maintenance ? { status: 3 } : outcome(ctx, opts)),
    time: input.time ?? new Date(),
    msg: maintenance ? 'Monitor under maintenance' : input.msg,
    ping: maintenance ? null : input.ping,
  });
  const json = liveBeatJson({ spec: ctx.spec, monitor, beat });
  const withList = beat.important && input.source !== 'push';
  const room = userRoom(ctx);

  if (withList && ctx.spec.maintenanceListBeforeBeat) pushMaintenanceList(ctx);
  room.emit('heartbeat', json);
  if (withList && !ctx.spec.maintenanceListBeforeBeat) pushMaintenanceList(ctx);
  sendStats(ctx, { monitor, target: room, inBurst: false });
  return json;
}

// A failure retried as Kuma's check loop does, or as 2.x's push API does
// (which also sets `retries`); 1.23's and 3.0's push API store a pushed
// `down` as DOWN.
function outcome(
  ctx: SimContext,
  opts: { monitor: SimMonitorState; input: SimBeatInput },
): { status: SimStatus; retries?: number } {
  const { monitor, input } = opts;
  const previous = monitor.beats.at(-1);
  if (input.status !== 0) return { status: input.status };
  if (input.source === 'push') {
    if (!ctx.spec.retriesPushedDown) return { status: 0, retries: 0 };
    return pushedDown({ previous, maxRetries: maxRetries(monitor) });
  }
  const status = failureStatus({
    maxRetries: maxRetries(monitor),
    failuresBefore: previous?.retries ?? 0,
  });
  return { status };
}
