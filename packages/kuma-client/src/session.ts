import type { AuthSignal } from './auth';
import { AuthSignalWatcher, login } from './auth';
import { KumaConnection } from './connection';
import type { SupportedDialect } from './dialects';
import { DIALECTS, dialectOfVersion } from './dialects';
import { KumaClientError } from './errors';
import { bindInbound } from './inbound';
import type { KumaConnectionState } from './model';
import type { ResolvedOptions } from './options';
import type { RouterEvents } from './router';
import { SnapshotRouter } from './router';

/** What one connection attempt needs from the client. */
export interface SessionHost {
  options: ResolvedOptions;
  /** The JWT to log in with: kept from the last login, or the option. */
  token(): string | undefined;
  setState(state: KumaConnectionState): void;
  /** The attempt's connection, so that `close()` can abort it. */
  attach(conn: KumaConnection): void;
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

/** Uptime windows both dialects send: what the 1.23 barrier waits for. */
const COMMON_WINDOWS = ['24h', '30d'] as const;

/**
 * One attempt: open a socket, authenticate, wait for the burst. The snapshot
 * it builds is not shown to anyone until the caller adopts the session.
 */
export async function establish(host: SessionHost): Promise<Session> {
  const { options } = host;
  const conn = new KumaConnection({
    url: options.url,
    connectTimeoutMs: options.timeouts.connect,
    logger: options.logger,
  });
  host.attach(conn);
  let version: string | undefined;
  const router = new SnapshotRouter({
    maxBeatsPerMonitor: options.maxBeatsPerMonitor,
    uptimeWindows: COMMON_WINDOWS,
    logger: options.logger,
    events: {
      ...host.events,
      version: (v) => {
        version = v;
        host.events.version(v);
      },
    },
  });
  bindInbound(conn, router);
  const watcher = new AuthSignalWatcher(conn);

  try {
    host.setState('connecting');
    await race(conn, conn.open());

    host.setState('authenticating');
    const signal = await race(conn, watcher.wait(options.timeouts.loginGrace));
    const jwt = await authenticate({ host, conn, router, signal });

    host.setState('syncing');
    const dialect = resolveDialect(version, signal);
    const ackEnded = DIALECTS[dialect].ackEndsBurst && signal !== 'autoLogin';
    if (!ackEnded) await race(conn, waitForBarrier(router, options));
    return { conn, router, dialect, jwt };
  } catch (error) {
    conn.close();
    throw KumaClientError.from(error);
  }
}

async function authenticate(opts: {
  host: SessionHost;
  conn: KumaConnection;
  router: SnapshotRouter;
  signal: AuthSignal;
}): Promise<string | undefined> {
  const { host, conn, router, signal } = opts;
  const { options } = host;
  if (signal === 'autoLogin') return undefined;
  if (signal === 'burst') {
    await race(conn, waitForEvent(conn, 'autoLogin', options.timeouts.sync));
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

function waitForBarrier(
  router: SnapshotRouter,
  options: ResolvedOptions,
): Promise<void> {
  return withTimeout({
    promise: router.barrier.whenComplete(),
    ms: options.timeouts.sync,
    onTimeout: () => syncTimeoutError(router.barrier.missing()),
  });
}

function syncTimeoutError(missing: string[], cause?: unknown) {
  return new KumaClientError(
    'SYNC_TIMEOUT',
    `The initial sync did not complete: no ${missing.join('; no ')}. Raise \`timeouts.sync\` for a large or slow Kuma.`,
    { missing, cause },
  );
}

function waitForEvent(
  conn: KumaConnection,
  event: string,
  ms: number,
): Promise<void> {
  return withTimeout({
    promise: new Promise((resolve) => conn.socket.once(event, () => resolve())),
    ms,
    onTimeout: () => syncTimeoutError([event]),
  });
}

/** Rejects as soon as the connection is lost or closed. */
function race<T>(conn: KumaConnection, promise: Promise<T>): Promise<T> {
  return Promise.race([promise, conn.lost]);
}

export function withTimeout<T>(opts: {
  promise: Promise<T>;
  ms: number;
  onTimeout: () => Error;
}): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(opts.onTimeout()), opts.ms);
    timer.unref();
  });
  return Promise.race([opts.promise, timeout]).finally(() =>
    clearTimeout(timer),
  );
}
