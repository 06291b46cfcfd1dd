import { registerAuth } from './auth';
import { sendBurst } from './burst';
import { registerMaintenanceHandlers } from './maintenanceHandlers';
import { registerMonitorHandlers } from './monitorHandlers';
import { registrar } from './requests';
import { setLoggedIn } from './simContext';
import type { SimContext, SimSocket } from './simContext';
import { registerSettingsHandlers } from './settingsHandlers';
import { registerStatusPageHandlers } from './statusPageHandlers';
import { staticLists } from './staticLists';

/**
 * A new socket: pre-login `info`, every handler, then what the dialect
 * says about auth (2.x `loginRequired`, `autoLogin` when auth is off,
 * nothing on 1.23; 3.0 decides from the handshake's session cookie).
 */
export function onConnection(ctx: SimContext, socket: SimSocket): void {
  ctx.counters.connections++;
  socket.emit('info', staticLists(ctx).preLoginInfo);
  if (ctx.spec.cookieAuth) return onCookieConnection(ctx, socket);

  registerHandlers(ctx, socket);
  if (ctx.auth.authDisabled) {
    void autoLogin(ctx, socket);
  } else if (ctx.spec.sendsLoginRequired) {
    socket.emit('loginRequired');
  }
}

function registerHandlers(ctx: SimContext, socket: SimSocket): void {
  const on = registrar(ctx, socket);
  // 3.0 has no socket login, logout or 2FA events: they are never acked.
  if (!ctx.spec.cookieAuth) registerAuth(ctx, { socket, on });
  registerMonitorHandlers(ctx, on);
  registerMaintenanceHandlers(ctx, on);
  registerSettingsHandlers(ctx, { socket, on });
  registerStatusPageHandlers(ctx, on);
  on.open('needSetup', (_args, ack) => ack?.(ctx.auth.needsSetup));
  // Answering this changes the server's timezone; the burst then stops
  // asking. It never acks.
  socket.on('initServerTimezone', () => {
    ctx.timezoneSet = true;
  });
}

// 3.0: auth is decided once, here; signing out later leaves the socket in.
function onCookieConnection(ctx: SimContext, socket: SimSocket): void {
  if (ctx.auth.needsSetup) socket.emit('setup');
  const cookie = socket.handshake.headers.cookie;
  const session =
    ctx.auth.authDisabled ||
    ctx.sessions.fromCookieHeader(cookie) !== undefined;
  if (session) {
    setLoggedIn(socket, true);
    socket.emit('session', ctx.auth.username);
  }
  registerHandlers(ctx, socket);
  if (session) void sendBurst(ctx, socket);
  else socket.emit('loginRequired');
}

// 2.x awaits the burst before `autoLogin`; 1.23 announces it first.
async function autoLogin(ctx: SimContext, socket: SimSocket): Promise<void> {
  setLoggedIn(socket, true);
  if (!ctx.spec.ackAfterBurst) {
    socket.emit('autoLogin');
    return sendBurst(ctx, socket);
  }
  await sendBurst(ctx, socket);
  socket.emit('autoLogin');
}
