import { importantBeats, importantRow, recentRows } from './heartbeatRows';
import type { SimMonitorState } from './monitorStore';
import { listJson, pushMaintenanceList } from './pushes';
import { afterQuery, sleep, USER_ROOM, userRoom } from './simContext';
import type { SimContext, SimSocket } from './simContext';
import { staticLists } from './staticLists';
import {
  emitAvgPing,
  emitCertInfo,
  emitUptime,
  sendStatsAwaited,
} from './statsPush';

const HEARTBEAT_LIST_ROWS = 100;
const IMPORTANT_LIST_ROWS = 500;

/**
 * The post-login burst (Kuma's `afterLogin`) in the dialect's order. Room
 * pushes reach every logged-in socket; `info`, the heartbeat lists and
 * `initServerTimezone` go to the logging-in socket only.
 */
export async function sendBurst(
  ctx: SimContext,
  socket: SimSocket,
): Promise<void> {
  await socket.join(USER_ROOM);
  if (ctx.spec.name === '1.23') return burst123(ctx, socket);
  burst2x(ctx, socket);
}

function burst2x(ctx: SimContext, socket: SimSocket): void {
  const room = userRoom(ctx);
  const lists = staticLists(ctx);
  room.emit('monitorList', listJson(ctx));
  room.emit('monitorTypeList', lists.monitorTypeList);
  pushMaintenanceList(ctx);
  socket.emit('info', lists.postLoginInfo);
  emitOtherLists(ctx);
  room.emit('remoteBrowserList', []);
  room.emit('statusPageList', lists.statusPageList);

  statsInCapturedOrder(ctx);
  emitHeartbeatLists(ctx, socket);
  for (const monitor of ctx.store.all()) {
    emitCertInfo(ctx, { monitor, target: room, inBurst: true });
  }
  endBurst(ctx, socket);
}

// Kuma 1.23 awaits a query before every per-monitor push, one monitor
// after the other: nothing of a later step shares a socket write with an
// earlier one, and the last monitor's certInfo comes after its uptimes.
async function burst123(ctx: SimContext, socket: SimSocket): Promise<void> {
  const room = userRoom(ctx);
  const lists = staticLists(ctx);
  room.emit('monitorList', listJson(ctx));
  pushMaintenanceList(ctx);
  socket.emit('info', lists.postLoginInfo);
  emitOtherLists(ctx);
  await sleep(ctx, ctx.burstPauseMs);
  room.emit('statusPageList', lists.statusPageList);

  const monitors = ctx.store.all();
  for (const monitor of monitors) {
    await afterQuery(ctx);
    emitHeartbeatList(ctx, { socket, monitor });
  }
  for (const monitor of monitors) {
    await afterQuery(ctx);
    const beats = importantBeats(monitor).slice(0, IMPORTANT_LIST_ROWS);
    const rows = beats.map((b) => importantRow(ctx.spec, b));
    socket.emit('importantHeartbeatList', String(monitor.id), rows, false);
  }
  for (const monitor of monitors) {
    await sendStatsAwaited(ctx, { monitor, target: room, inBurst: true });
  }
  // The timezone setting is read from the database first.
  await afterQuery(ctx);
  endBurst(ctx, socket);
}

function emitOtherLists(ctx: SimContext): void {
  const room = userRoom(ctx);
  room.emit('notificationList', []);
  room.emit('proxyList', []);
  room.emit('dockerHostList', []);
  room.emit('apiKeyList', staticLists(ctx).apiKeyList);
}

function emitHeartbeatLists(ctx: SimContext, socket: SimSocket): void {
  for (const monitor of ctx.store.all()) {
    emitHeartbeatList(ctx, { socket, monitor });
  }
}

function emitHeartbeatList(
  ctx: SimContext,
  opts: { socket: SimSocket; monitor: SimMonitorState },
): void {
  const { socket, monitor } = opts;
  const rows = recentRows(ctx.spec, { monitor, limit: HEARTBEAT_LIST_ROWS });
  socket.emit('heartbeatList', String(monitor.id), rows, false);
}

// The order recorded in 2.5.3 login-password: avgPing and the first uptime
// per monitor, then each further period for every monitor.
function statsInCapturedOrder(ctx: SimContext): void {
  const target = userRoom(ctx);
  const [first, ...rest] = ctx.spec.uptimePeriods;
  const monitors = ctx.store.all();
  for (const monitor of monitors) {
    emitAvgPing(ctx, { monitor, target, inBurst: true });
    if (first !== undefined) {
      emitUptime(ctx, { monitor, target, inBurst: true, period: first });
    }
  }
  for (const period of rest) {
    for (const monitor of monitors) {
      emitUptime(ctx, { monitor, target, inBurst: true, period });
    }
  }
}

function endBurst(ctx: SimContext, socket: SimSocket): void {
  if (!ctx.timezoneSet) socket.emit('initServerTimezone');
}
