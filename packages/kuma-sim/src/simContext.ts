import type { Server, Socket } from 'socket.io';

import type { DialectSpec } from './dialects';
import type { MaintenanceStore } from './maintenanceStore';
import type { MonitorStore } from './monitorStore';
import type { WindowLimiter } from './httpKit';
import type { RateLimiter } from './rateLimiter';
import type { SessionStore } from './sessionStore';
import type { StatusPageStore } from './statusPageStore';
import type { SimCounters, SimFirstCheck } from './types';

/** Kuma joins every logged-in socket of user 1 to the room named "1". */
export const USER_ROOM = '1';

/** Mutable auth settings of the simulated instance. */
export interface AuthState {
  username: string;
  password: string;
  authDisabled: boolean;
  twoFactorSecret: string | undefined;
  /** Secret handed out by `prepare2FA`, active after `save2FA`. */
  pendingSecret: string | undefined;
  /** A TOTP code works for one login only. */
  lastTotp: string | undefined;
  jwtSecret: string;
  /** 3.0: Better Auth's 32-character user id. */
  userId: string;
  /** 3.0: no user exists yet; `POST /api/setup` creates it. */
  needsSetup: boolean;
}

/** Everything the socket handlers share. */
export interface SimContext {
  spec: DialectSpec;
  version: string;
  burstPauseMs: number;
  loginDelayMs: number;
  startedAt: Date;
  store: MonitorStore;
  maintenance: MaintenanceStore;
  statusPages: StatusPageStore;
  /** Decides the first beat of a monitor a client adds. */
  firstCheck: SimFirstCheck;
  loginLimiter: RateLimiter;
  twoFaLimiter: RateLimiter;
  /** 3.0: the optional Better Auth sign-in limit. */
  signInLimiter: WindowLimiter | undefined;
  /** 3.0: sessions and pending 2FA sign-ins. */
  sessions: SessionStore;
  auth: AuthState;
  counters: SimCounters;
  /** false: handlers swallow requests without acking (timeouts). */
  responding: boolean;
  /** Set once a client answers `initServerTimezone`. */
  timezoneSet: boolean;
  io: Server | undefined;
  /** Timers to clear on close. */
  timers: Set<NodeJS.Timeout>;
}

/** Per-socket state kept in `socket.data`. */
export interface SocketData {
  loggedIn?: boolean;
}

/** Kuma's Socket.IO socket type in the simulator. */
export type SimSocket = Socket;

/** Where a push goes: the whole user room, or one socket. */
export interface PushTarget {
  emit(event: string, ...args: unknown[]): unknown;
}

/** The user room, or a no-op target once the server is closed. */
export function userRoom(ctx: SimContext): PushTarget {
  return ctx.io ? ctx.io.to(USER_ROOM) : { emit: () => true };
}

/** A sleep that `close()` can cancel. */
export function sleep(ctx: SimContext, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ctx.timers.delete(timer);
      resolve();
    }, ms);
    ctx.timers.add(timer);
  });
}

// What one awaited query of Kuma's takes on a small SQLite database.
const QUERY_MS = 1;

/**
 * Stands for one awaited database query of Kuma's: a push made after it
 * leaves in a later timer than the push before it, never in the same
 * socket write, as on the real server.
 */
export function afterQuery(ctx: SimContext): Promise<void> {
  return sleep(ctx, QUERY_MS);
}

/** Whether this socket has logged in (or was auto-logged-in). */
export function isLoggedIn(socket: SimSocket): boolean {
  return (socket.data as SocketData).loggedIn === true;
}

/** Marks a socket logged in or out. */
export function setLoggedIn(socket: SimSocket, loggedIn: boolean): void {
  (socket.data as SocketData).loggedIn = loggedIn;
}
