import type { Attempt } from './attempt';
import { createAttempt, race, waitForBurst } from './attempt';
import { KumaClientError } from './errors';
import { SESSION_COOKIE, signIn } from './httpAuth';
import type { Session, SessionHost } from './session';

/**
 * Kuma 3.0: the socket is authenticated once, at connect, by the session
 * cookie of its handshake. A kept cookie is tried first (sessions survive
 * Kuma restarts); only `loginRequired` leads to a new HTTP sign-in. With
 * no cookie and no credentials the socket connects bare, which works when
 * auth is disabled.
 */
export async function establishWithCookie(host: SessionHost): Promise<Session> {
  const { options } = host;
  host.setState('authenticating');
  let signedIn = false;
  if (host.cookie() === undefined && hasPassword(host)) {
    await signInAgain(host);
    signedIn = true;
  }
  let attempt = await connect(host);
  if (attempt.signal === 'loginRequired') {
    attempt.conn.close();
    if (signedIn) throw refusedFreshCookie();
    if (!hasPassword(host)) throw noSession(host);
    options.logger.info({}, 'kuma-client: session not accepted, signing in');
    await signInAgain(host);
    attempt = await connect(host);
    if (attempt.signal !== 'session') {
      attempt.conn.close();
      throw refusedFreshCookie();
    }
  }
  return sync(host, attempt);
}

async function sync(host: SessionHost, attempt: Attempt): Promise<Session> {
  const { conn, router } = attempt;
  try {
    host.setState('syncing');
    // No ack closes a 3.0 burst: every monitor's lists and stats and a
    // quiet moment after them, or the timezone question that ends it,
    // whichever comes first.
    const burst = waitForBurst(attempt, host.options.timeouts);
    await race(conn, Promise.race([burst, attempt.timezoneAsked]));
    return { conn, router, dialect: '3.0', jwt: undefined };
  } catch (error) {
    conn.close();
    throw KumaClientError.from(error);
  }
}

/**
 * Not aborted by `close()` once sent: Kuma may create the session anyway,
 * and only a cookie the client holds can be signed out of.
 */
async function signInAgain(host: SessionHost): Promise<void> {
  const { options } = host;
  // Each sign-in uses one of Kuma's rate-limited slots.
  host.closed.throwIfAborted();
  const cookie = await signIn({
    url: options.url,
    credentials: options,
    timeoutMs: options.timeouts.request,
  });
  host.setCookie(cookie);
}

/** Opens a socket with the current cookie; resolves with the auth signal. */
async function connect(
  host: SessionHost,
): Promise<Attempt & { signal: 'session' | 'loginRequired' }> {
  host.closed.throwIfAborted();
  const cookie = host.cookie();
  const headers = cookie
    ? { cookie: `${SESSION_COOKIE}=${cookie}` }
    : undefined;
  const attempt = createAttempt(host, headers);
  const { conn, watcher } = attempt;
  try {
    await race(conn, conn.open());
    const ms = host.options.timeouts.request;
    const signal = await race(conn, watcher.wait(ms));
    if (signal === 'session' || signal === 'loginRequired') {
      return { ...attempt, signal };
    }
    throw new KumaClientError(
      'PROTOCOL',
      `Kuma 3.0 sent neither session nor loginRequired within ${ms} ms of connecting.`,
      { event: 'session' },
    );
  } catch (error) {
    conn.close();
    throw KumaClientError.from(error);
  }
}

function hasPassword(host: SessionHost): boolean {
  const { username, password } = host.options;
  return username !== undefined && password !== undefined;
}

function noSession(host: SessionHost): KumaClientError {
  if (host.cookie() === undefined) {
    return new KumaClientError(
      'AUTH_REQUIRED',
      'Kuma requires a sign-in. Set the `username` and `password` options (or `sessionCookie`).',
      { event: 'loginRequired' },
    );
  }
  return new KumaClientError(
    'SESSION_EXPIRED',
    'Kuma no longer accepts the session cookie. Set the `username` and `password` options so that the client can sign in again, or pass a fresh `sessionCookie`.',
    { event: 'loginRequired' },
  );
}

function refusedFreshCookie(): KumaClientError {
  return new KumaClientError(
    'NOT_AUTHENTICATED',
    'Kuma answered loginRequired to the session cookie it had just issued; check that `url` points at the same Kuma the sign-in went to.',
    { event: 'loginRequired' },
  );
}
