import type { Credentials } from './auth';
import { totpCode } from './auth';
import { authUrl } from './detect';
import { KumaClientError } from './errors';

/** Kuma 3.0's session cookie (Better Auth, no `__Secure-` prefix). */
export const SESSION_COOKIE = 'better-auth.session_token';
const TWO_FACTOR_COOKIE = 'better-auth.two_factor';

/** Where an HTTP auth request goes, and how long it may take. */
interface HttpTarget {
  url: string;
  timeoutMs: number;
}

/** What signing in over HTTP needs. */
export interface HttpAuthOptions extends HttpTarget {
  credentials: Credentials;
}

/** A Better Auth error body: `{message, code}`. */
interface AuthErrorBody {
  message?: unknown;
  code?: unknown;
}

/**
 * Signs in to Kuma 3.0 over HTTP and returns the session cookie's value:
 * username and password, then a TOTP code only if the server redirects to
 * the two-factor step. Every POST carries `Origin` and no stale cookie.
 */
export async function signIn(opts: HttpAuthOptions): Promise<string> {
  const { username, password } = opts.credentials;
  if (username === undefined || password === undefined) {
    throw new KumaClientError(
      'AUTH_REQUIRED',
      'Kuma requires a sign-in. Set the `username` and `password` options (or `sessionCookie`).',
      { event: 'sign-in' },
    );
  }
  const res = await post(opts, {
    path: 'sign-in/username',
    body: { username, password, rememberMe: true },
  });
  const body = await readBody(res);
  if (!res.ok) throw httpError({ res, body, event: 'sign-in' });
  if ((body as { twoFactorRedirect?: unknown }).twoFactorRedirect === true) {
    const pending = cookieFrom(res, TWO_FACTOR_COOKIE);
    return verifyTotp(opts, pending);
  }
  return sessionFrom(res);
}

async function verifyTotp(
  opts: HttpAuthOptions,
  twoFactorCookie: string | undefined,
): Promise<string> {
  const code = totpCode(opts.credentials, 'sign-in');
  const res = await post(opts, {
    path: 'two-factor/verify-totp',
    body: { code },
    cookie: twoFactorCookie && `${TWO_FACTOR_COOKIE}=${twoFactorCookie}`,
  });
  const body = await readBody(res);
  if (!res.ok) throw httpError({ res, body, event: 'two-factor' });
  return sessionFrom(res);
}

/**
 * Ends the session of a cookie from `signIn`: Better Auth deletes its row
 * (each lives 7 days otherwise). A cookie-carrying POST needs `Origin`.
 */
export async function signOut(
  opts: HttpTarget & { cookie: string },
): Promise<void> {
  const res = await post(opts, {
    path: 'sign-out',
    body: {},
    cookie: `${SESSION_COOKIE}=${opts.cookie}`,
  });
  const body = await readBody(res);
  if (!res.ok) throw httpError({ res, body, event: 'sign-out' });
}

async function post(
  opts: HttpTarget,
  req: { path: string; body: unknown; cookie?: string | undefined },
): Promise<Response> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    origin: new URL(opts.url).origin,
  };
  if (req.cookie) headers.cookie = req.cookie;
  try {
    return await fetch(authUrl(opts.url, req.path), {
      method: 'POST',
      headers,
      body: JSON.stringify(req.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (error) {
    throw fetchError(error, { path: req.path, timeoutMs: opts.timeoutMs });
  }
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Applies `Set-Cookie`s in order: a 2FA sign-in sets, then clears one. */
function cookieFrom(res: Response, name: string): string | undefined {
  let value: string | undefined;
  for (const header of res.headers.getSetCookie()) {
    const pair = header.split(';')[0] ?? '';
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq).trim() !== name) continue;
    const next = pair.slice(eq + 1).trim();
    value = next === '' ? undefined : next;
  }
  return value;
}

function sessionFrom(res: Response): string {
  const cookie = cookieFrom(res, SESSION_COOKIE);
  if (cookie !== undefined) return cookie;
  throw new KumaClientError(
    'PROTOCOL',
    'Kuma accepted the sign-in but set no session cookie.',
    { event: 'sign-in' },
  );
}

/** Maps Better Auth's answers onto the client's error codes. */
function httpError(opts: {
  res: Response;
  body: unknown;
  event: string;
}): KumaClientError {
  const { res, event } = opts;
  const body = (opts.body ?? {}) as AuthErrorBody;
  const code = typeof body.code === 'string' ? body.code : '';
  const said = typeof body.message === 'string' ? body.message : res.statusText;
  const reason = code || said;
  if (res.status === 429) {
    const retryAfterMs = retryAfter(res);
    return new KumaClientError(
      'RATE_LIMITED',
      `Kuma refused ${event}: too many requests; retry in ${Math.ceil(retryAfterMs / 1000)} s.`,
      { event, reason, retryAfterMs },
    );
  }
  const mapped = AUTH_CODES[code];
  if (mapped) {
    return new KumaClientError(mapped.code, `${mapped.text} (${said}).`, {
      event,
      reason,
    });
  }
  return new KumaClientError(
    'PROTOCOL',
    `Kuma answered ${event} with HTTP ${res.status} (${said}).`,
    { event, reason },
  );
}

const AUTH_CODES: Record<
  string,
  { code: 'INVALID_CREDENTIALS' | 'INVALID_TWO_FACTOR'; text: string }
> = {
  INVALID_USERNAME_OR_PASSWORD: {
    code: 'INVALID_CREDENTIALS',
    text: 'Kuma refused the sign-in; check the `username` and `password` options',
  },
  INVALID_CODE: {
    code: 'INVALID_TWO_FACTOR',
    text: 'Kuma refused the TOTP code; check the `totp` or `totpSecret` option and the clock of this machine',
  },
  INVALID_TWO_FACTOR_COOKIE: {
    code: 'INVALID_TWO_FACTOR',
    text: 'Kuma lost the two-factor step (it lasts 10 minutes); connect again',
  },
};

// Better Auth sends seconds in `X-Retry-After`; without it, wait 10 s.
function retryAfter(res: Response): number {
  const header =
    res.headers.get('x-retry-after') ?? res.headers.get('retry-after');
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 10_000;
}

function fetchError(
  error: unknown,
  opts: { path: string; timeoutMs: number },
): KumaClientError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new KumaClientError(
      'TIMEOUT',
      `Kuma did not answer ${opts.path} within ${opts.timeoutMs} ms.`,
      { event: opts.path, cause: error },
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new KumaClientError(
    'CONNECT_FAILED',
    `Could not reach Kuma for ${opts.path}: ${reason}. Check the \`url\` option and that Kuma is running.`,
    { event: opts.path, reason, cause: error },
  );
}
