import { AuthSignalWatcher } from './auth';
import { whenBurstEnds } from './burstEnd';
import { KumaConnection } from './connection';
import { KumaClientError } from './errors';
import { bindInbound } from './inbound';
import { refreshMonitorList } from './listRefresh';
import type { SessionHost } from './session';
import { SnapshotRouter } from './router';

/** Uptime windows every dialect sends: what the barrier waits for. */
const COMMON_WINDOWS = ['24h', '30d'] as const;

/** One socket with its router and auth watcher, not yet opened. */
export interface Attempt {
  conn: KumaConnection;
  router: SnapshotRouter;
  watcher: AuthSignalWatcher;
  /** `info.version` once the post-login `info` arrived. */
  version(): string | undefined;
  /** Resolves when the server asks for the timezone: the burst's end. */
  timezoneAsked: Promise<void>;
}

/**
 * Creates the socket of one attempt, with every listener in place before
 * it opens so that nothing sent on connect is missed.
 */
export function createAttempt(
  host: SessionHost,
  extraHeaders?: Record<string, string>,
): Attempt {
  const { options } = host;
  const conn = new KumaConnection({
    url: options.url,
    connectTimeoutMs: options.timeouts.connect,
    logger: options.logger,
    extraHeaders,
  });
  host.attach(conn);
  let version: string | undefined;
  const router = new SnapshotRouter({
    maxBeatsPerMonitor: options.maxBeatsPerMonitor,
    uptimeWindows: COMMON_WINDOWS,
    logger: options.logger,
    requestList: () =>
      refreshMonitorList(conn, {
        timeoutMs: options.timeouts.request,
        logger: options.logger,
      }),
    events: {
      ...host.events,
      version: (v) => {
        version = v;
        host.events.version(v);
      },
    },
  });
  bindInbound(conn, router);
  // Listened to, never answered: answering changes the server's timezone.
  const timezoneAsked = new Promise<void>((resolve) => {
    conn.socket.once('initServerTimezone', () => resolve());
  });
  const watcher = new AuthSignalWatcher(conn);
  return { conn, router, watcher, version: () => version, timezoneAsked };
}

/**
 * Waits until the burst is over (see `whenBurstEnds`); on timeout the
 * error names what never arrived.
 */
export function waitForBurst(
  attempt: Attempt,
  timeouts: { sync: number; burstQuiet: number },
): Promise<void> {
  const { barrier } = attempt.router;
  return withTimeout({
    promise: whenBurstEnds({
      barrier,
      timezoneAsked: attempt.timezoneAsked,
      quietMs: timeouts.burstQuiet,
    }),
    ms: timeouts.sync,
    onTimeout: () => syncTimeoutError(barrier.missing()),
  });
}

export function syncTimeoutError(
  missing: string[],
  cause?: unknown,
): KumaClientError {
  return new KumaClientError(
    'SYNC_TIMEOUT',
    `The initial sync did not complete: no ${missing.join('; no ')}. Raise \`timeouts.sync\` for a large or slow Kuma.`,
    { missing, cause },
  );
}

/** Rejects as soon as the connection is lost or closed. */
export function race<T>(conn: KumaConnection, promise: Promise<T>): Promise<T> {
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
