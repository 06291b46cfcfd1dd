import { seedHistory } from './history';
import type { SimMonitorState } from './monitorStore';
import { fullTag } from './monitorStore';
import { childrenOf } from './monitorTree';
import {
  emitBeat,
  pushMaintenanceList,
  pushMonitorChange,
  pushMonitorDeleted,
} from './pushes';
import type { SimContext } from './simContext';
import type { SimMonitorInit, SimMonitorPatch } from './types';

/**
 * Monitor changes shared by the programmatic API and the socket handlers,
 * each pushed the way the dialect pushes it.
 */
export function createMonitor(
  ctx: SimContext,
  init: SimMonitorInit,
): SimMonitorState {
  const monitor = ctx.store.create(init);
  seedHistory(ctx.store, { monitor, init, now: new Date() });
  return monitor;
}

/** Adds a monitor and announces it (no live beat). */
export function addMonitor(
  ctx: SimContext,
  init: SimMonitorInit,
): SimMonitorState {
  const monitor = createMonitor(ctx, init);
  pushMonitorChange(ctx, monitor);
  return monitor;
}

/** Applies a patch and announces the change. */
export function editMonitor(
  ctx: SimContext,
  opts: { monitor: SimMonitorState; patch: SimMonitorPatch },
): void {
  const { monitor, patch } = opts;
  if (patch.name !== undefined) monitor.name = patch.name;
  if (patch.type !== undefined) monitor.type = patch.type;
  if (patch.url !== undefined) monitor.url = patch.url;
  if (patch.hostname !== undefined) monitor.hostname = patch.hostname;
  if (patch.port !== undefined) monitor.port = patch.port;
  if (patch.interval !== undefined) monitor.interval = patch.interval;
  if (patch.parent !== undefined) monitor.parent = patch.parent;
  if (patch.tags !== undefined) monitor.tags = patch.tags.map(fullTag);
  pushMonitorChange(ctx, monitor);
}

/** Stops a monitor: no more beats, `active:false`. */
export function pauseMonitor(ctx: SimContext, monitor: SimMonitorState): void {
  monitor.active = false;
  pushMonitorChange(ctx, monitor);
}

/**
 * Restarts a monitor. Kuma checks at once, so the beat (repeating the last
 * state) reaches clients before the list update.
 */
export function resumeMonitor(ctx: SimContext, monitor: SimMonitorState): void {
  monitor.active = true;
  const last = monitor.beats.at(-1);
  emitBeat(ctx, {
    monitor,
    input: { status: last?.status ?? 1, msg: last?.msg, ping: last?.ping },
  });
  pushMonitorChange(ctx, monitor);
}

/**
 * A deleted group's children stay, outside any group: 2.x announces each
 * of them (before its ack of the deletion), 1.23 the full list afterwards.
 */
export function unlinkChildren(ctx: SimContext, group: SimMonitorState): void {
  for (const child of childrenOf(ctx.store, group.id)) {
    child.parent = null;
    if (ctx.spec.incrementalListUpdates) pushMonitorChange(ctx, child);
  }
}

/** Removes a monitor; `sentId` is echoed as the client sent it. */
export function deleteMonitor(
  ctx: SimContext,
  opts: { monitor: SimMonitorState; sentId: unknown },
): void {
  unlinkChildren(ctx, opts.monitor);
  ctx.store.delete(opts.monitor.id);
  ctx.maintenance.forgetMonitor(opts.monitor.id);
  pushMonitorDeleted(ctx, opts.sentId);
}

/** Puts a monitor in or out of maintenance and re-sends the list. */
export function setMaintenance(
  ctx: SimContext,
  opts: { monitor: SimMonitorState; on: boolean },
): void {
  ctx.maintenance.setForMonitor(opts.monitor.id, opts.on);
  pushMaintenanceList(ctx);
}
