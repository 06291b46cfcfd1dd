import type { Logger } from './logger';
import { silentLogger } from './logger';
import type { RetryPolicy } from './retry';
import { exponentialBackoff } from './retry';

/** Time limits of a `KumaClient`, all in milliseconds. */
export interface KumaTimeouts {
  /** Opening the socket, and the 3.0 probe before it. @default 10000 */
  connect?: number;
  /**
   * How long to wait for `loginRequired`/`autoLogin` before logging in
   * anyway: Kuma 1.23 sends neither. @default 1500
   */
  loginGrace?: number;
  /** Any request's ack, and each 3.0 sign-in request. @default 10000 */
  request?: number;
  /**
   * The whole post-login burst: on 2.x the login ack (sent after the
   * burst), on 1.23 the lists and stats of every monitor. @default 30000
   */
  sync?: number;
  /**
   * Where no ack ends the burst (1.23, 3.0): once every monitor's lists
   * and stats are in, how long to wait for a `certInfo` that may still
   * follow them. Each monitor's first certInfo restarts the wait;
   * `initServerTimezone` ends it at once. @default 200
   */
  burstQuiet?: number;
  /**
   * Kuma 3.0: how long `close()` waits for the sign-out of a session the
   * client signed in to itself. @default 2000
   */
  signOut?: number;
}

export interface KumaClientOptions {
  /** Base URL of Uptime Kuma, e.g. `http://127.0.0.1:3001`. */
  url: string;
  /** Username for password login. */
  username?: string;
  /** Password for password login; used only when no token works. */
  password?: string;
  /** A current 6-digit TOTP code, for accounts with 2FA. */
  totp?: string;
  /** The base32 TOTP secret, so that codes are generated when asked for. */
  totpSecret?: string;
  /** A JWT from an earlier login; tried before the password. */
  token?: string;
  /**
   * Kuma 3.0: the value of a `better-auth.session_token` cookie from an
   * earlier sign-in (the `name=` prefix may be included). Tried before the
   * password; a secret like the password, never logged.
   */
  sessionCookie?: string;
  /** Where to log; pino-compatible. @default silentLogger */
  logger?: Logger;
  /**
   * Reconnect policy: delay before attempt n, or null to give up.
   * @default exponentialBackoff()
   */
  retry?: RetryPolicy;
  timeouts?: KumaTimeouts;
  /** Recent beats kept per monitor. @default 100 */
  maxBeatsPerMonitor?: number;
}

export interface ResolvedOptions {
  url: string;
  username: string | undefined;
  password: string | undefined;
  totp: string | undefined;
  totpSecret: string | undefined;
  token: string | undefined;
  sessionCookie: string | undefined;
  logger: Logger;
  retry: RetryPolicy;
  timeouts: Required<KumaTimeouts>;
  maxBeatsPerMonitor: number;
}

export function resolveOptions(options: KumaClientOptions): ResolvedOptions {
  return {
    url: options.url,
    username: options.username,
    password: options.password,
    totp: options.totp,
    totpSecret: options.totpSecret,
    token: options.token,
    sessionCookie: options.sessionCookie?.replace(
      /^\s*better-auth\.session_token=/,
      '',
    ),
    logger: options.logger ?? silentLogger,
    retry: options.retry ?? exponentialBackoff(),
    timeouts: {
      connect: 10_000,
      loginGrace: 1_500,
      request: 10_000,
      sync: 30_000,
      burstQuiet: 200,
      signOut: 2_000,
      ...options.timeouts,
    },
    maxBeatsPerMonitor: options.maxBeatsPerMonitor ?? 100,
  };
}
