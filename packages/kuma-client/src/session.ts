import type { AuthSignal } from './auth';
import { login } from './auth';
import type { Attempt } from './attempt';
import {
  createAttempt,
  race,
  syncTimeoutError,
  waitForBurst,
  withTimeout,
} from './attempt';
import { establishWithCookie } from './cookieSession';
import type { KumaConnection } from './connection';
import { isCookieAuthServer } from './detect';
import type { SupportedDialect } from './dialects';
import { DIALECTS, dialectOfVersion } from './dialects';
import { KumaClientError } from './errors';
import type { KumaConnectionState } from './model';
import type { ResolvedOptions } from './options';
import type { RouterEvents, SnapshotRouter } from './router';

export { withTimeout } from './attempt';

/** What one connection attempt needs from the client. */
export interface SessionHost {
  options: ResolvedOptions;
  /** The JWT to log in with: kept from the last login, or the option. */
  token(): string | undefined;
  /** 3.0: the session cookie to connect with: kept, or the option. */
  cookie(): string | undefined;
  /** 3.0: keeps the cookie of a sign-in made during an attempt. */
  setCookie(cookie: string): void;
  setState(state: KumaConnectionState): void;
  /** The attempt's connection, so that `close()` can abort it. */
  attach(conn: KumaConnection): void;
  /**
   * Aborted by `close()`, with the CLOSED error as its reason: no step of
   * an attempt (detection, sign-in, socket) may start after it.
   */
  closed: AbortSignal;
  events: RouterEvents;
}

/** A logged-in connection whose post-login burst is complete. */
export interface Session {
  conn: KumaConnection;
  router: SnapshotRouter;
  dialect: SupportedDialect;
  /** A JWT from a password login in this attempt. */
  jwt: string | undefined;
}

/**
 * One attempt: find out how the server authenticates, open a socket,
 * authenticate, wait for the burst. The snapshot it builds is not shown to
 * anyone until the caller adopts the session.
 */
export async function establish(host: SessionHost): Promise<Session> {
  host.setState('connecting');
  const { url, timeouts } = host.options;
  const cookieAuth = await isCookieAuthServer({
    url,
    timeoutMs: timeouts.connect,
    signal: host.closed,
  });
  host.closed.throwIfAborted();
  if (cookieAuth) return establishWithCookie(host);
  return establishWithLogin(host);
}

/** 1.23 and 2.x: socket login by token or password. */
async function establishWithLogin(host: SessionHost): Promise<Session> {
  const { options } = host;
  const attempt = createAttempt(host);
  const { conn, router, watcher } = attempt;
  try {
    await race(conn, conn.open());

    host.setState('authenticating');
    const signal = await race(conn, watcher.wait(options.timeouts.loginGrace));
    const jwt = await authenticate({ host, attempt, signal });

    host.setState('syncing');
    const dialect = resolveDialect(attempt.version(), signal);
    const ackEnded = DIALECTS[dialect].ackEndsBurst && signal !== 'autoLogin';
    if (!ackEnded) {
      await race(conn, waitForBurst(attempt, options.timeouts));
    }
    return { conn, router, dialect, jwt };
  } catch (error) {
    conn.close();
    throw KumaClientError.from(error);
  }
}

async function authenticate(opts: {
  host: SessionHost;
  attempt: Attempt;
  signal: AuthSignal;
}): Promise<string | undefined> {
  const { host, attempt, signal } = opts;
  const { conn, router, watcher } = attempt;
  const { options } = host;
  if (signal === 'autoLogin') return undefined;
  if (signal === 'burst') {
    const ended = withTimeout({
      promise: watcher.autoLogin(),
      ms: options.timeouts.sync,
      onTimeout: () => syncTimeoutError(['autoLogin']),
    });
    await race(conn, ended);
    return undefined;
  }
  try {
    const result = await race(
      conn,
      login({
        conn,
        credentials: options,
        token: host.token(),
        // 2.x acks the login only after the whole burst.
        timeoutMs: options.timeouts.sync,
        logger: options.logger,
      }),
    );
    return result.jwt;
  } catch (error) {
    throw burstTimeout(error, router);
  }
}

/** A login ack that never came after the burst began: name what is missing. */
function burstTimeout(error: unknown, router: SnapshotRouter): unknown {
  const started = !router.barrier.missing().includes('monitorList');
  if (!(error instanceof KumaClientError) || error.code !== 'TIMEOUT') {
    return error;
  }
  if (!started) return error;
  const missing = [...router.barrier.missing(), `${error.event} ack`];
  return syncTimeoutError(missing, error);
}

function resolveDialect(
  version: string | undefined,
  signal: AuthSignal,
): SupportedDialect {
  if (version !== undefined) return dialectOfVersion(version);
  return signal === 'loginRequired' || signal === 'burst' ? '2.x' : '1.23';
}
