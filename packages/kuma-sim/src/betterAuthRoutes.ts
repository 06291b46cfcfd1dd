import type { IncomingMessage, ServerResponse } from 'node:http';

import { Secret } from 'otpauth';

import { totpValid } from './auth';
import { clearCookie, readJson, sendJson, setCookie } from './httpKit';
import {
  DONT_REMEMBER_COOKIE,
  SESSION_COOKIE,
  SESSION_DATA_COOKIE,
  TWO_FACTOR_COOKIE,
  TWO_FACTOR_TTL_MS,
} from './sessionStore';
import type { SimSession } from './sessionStore';
import type { SimContext } from './simContext';

type Body = Record<string, unknown>;

/** One request as the routes see it. */
interface Call {
  ctx: SimContext;
  req: IncomingMessage;
  res: ServerResponse;
  body: Body;
}

const TOO_MANY = { message: 'Too many requests. Please try again later.' };
const BAD_LOGIN = {
  message: 'Invalid username or password',
  code: 'INVALID_USERNAME_OR_PASSWORD',
};
const NO_ORIGIN = {
  message: 'Missing or null Origin',
  code: 'MISSING_OR_NULL_ORIGIN',
};
const BAD_CODE = { message: 'Invalid code', code: 'INVALID_CODE' };
const BAD_TWO_FACTOR_COOKIE = {
  message: 'Invalid two factor cookie',
  code: 'INVALID_TWO_FACTOR_COOKIE',
};
const UNAUTHORIZED = { message: 'Unauthorized', code: 'UNAUTHORIZED' };
const BAD_PASSWORD = { message: 'Invalid password', code: 'INVALID_PASSWORD' };

const routes: Record<string, (call: Call) => void> = {
  'GET /api/auth/ok': ({ res }) => sendJson(res, { status: 200, body: ok() }),
  'POST /api/auth/sign-in/username': signIn,
  'POST /api/auth/two-factor/verify-totp': verifyTotp,
  'POST /api/auth/two-factor/enable': enableTwoFactor,
  'POST /api/auth/two-factor/disable': disableTwoFactor,
  'GET /api/auth/get-session': getSession,
  'POST /api/auth/sign-out': signOut,
};

function ok(): { ok: true } {
  return { ok: true };
}

/**
 * Kuma 3.0's `/api/auth/*` (Better Auth): sign-in by username, TOTP,
 * session lookup and sign-out, with Better Auth's status codes, `{message,
 * code}` errors, cookies and Origin rule.
 */
export async function handleBetterAuth(
  ctx: SimContext,
  opts: { req: IncomingMessage; res: ServerResponse },
): Promise<void> {
  const { req, res } = opts;
  const path = (req.url ?? '').split('?')[0] ?? '';
  const route = routes[`${req.method ?? 'GET'} ${path}`];
  if (!route) return sendJson(res, { status: 404, body: null });
  const hasCookie = (req.headers.cookie ?? '') !== '';
  const origin = req.headers.origin;
  if (req.method === 'POST' && hasCookie && (!origin || origin === 'null')) {
    return sendJson(res, { status: 403, body: NO_ORIGIN });
  }
  const body = req.method === 'POST' ? await readJson(req) : {};
  route({ ctx, req, res, body });
}

function signIn({ ctx, res, body }: Call): void {
  ctx.counters.signIn++;
  const retryAfter = ctx.signInLimiter?.take();
  if (retryAfter !== undefined) {
    const headers = { 'x-retry-after': String(retryAfter) };
    return sendJson(res, { status: 429, body: TOO_MANY, headers });
  }
  const { auth } = ctx;
  const sent = typeof body.username === 'string' ? body.username : '';
  const matches =
    !auth.needsSetup &&
    sent.trim().toLowerCase() === auth.username.toLowerCase() &&
    body.password === auth.password;
  if (!matches) return sendJson(res, { status: 401, body: BAD_LOGIN });

  if (auth.twoFactorSecret) return twoFactorRedirect({ ctx, res });
  const remember = body.rememberMe !== false;
  const { session, cookie } = ctx.sessions.create();
  const cookies = [sessionCookie(ctx, { cookie, remember })];
  if (!remember) {
    cookies.push(setCookie(DONT_REMEMBER_COOKIE, ctx.sessions.sign('true')));
  }
  const reply = { redirect: false, token: session.token, user: userJson(ctx) };
  sendJson(res, { status: 200, body: reply, cookies });
}

// Better Auth creates the session, then cancels it in the same response.
function twoFactorRedirect(opts: {
  ctx: SimContext;
  res: ServerResponse;
}): void {
  const { ctx, res } = opts;
  const { session, cookie } = ctx.sessions.create();
  ctx.sessions.revoke(session);
  const cookies = [
    sessionCookie(ctx, { cookie, remember: true }),
    clearCookie(SESSION_COOKIE),
    clearCookie(SESSION_DATA_COOKIE),
    setCookie(
      TWO_FACTOR_COOKIE,
      ctx.sessions.startTwoFactor(),
      TWO_FACTOR_TTL_MS / 1000,
    ),
  ];
  const body = { twoFactorRedirect: true, twoFactorMethods: ['totp'] };
  sendJson(res, { status: 200, body, cookies });
}

function verifyTotp({ ctx, req, res, body }: Call): void {
  const { auth, sessions } = ctx;
  const header = req.headers.cookie;
  const pending = sessions.hasTwoFactor(header);
  const current = sessions.fromCookieHeader(header);
  if (!pending && !current) {
    return sendJson(res, { status: 401, body: BAD_TWO_FACTOR_COOKIE });
  }
  const secret = pending
    ? auth.twoFactorSecret
    : (auth.pendingSecret ?? auth.twoFactorSecret);
  // Unlike Kuma 2.x, Better Auth does not refuse a code used before.
  const code = typeof body.code === 'string' ? body.code : '';
  if (!secret || !totpValid(secret, code)) {
    return sendJson(res, { status: 401, body: BAD_CODE });
  }
  // The reply's user still shows the state before this call.
  const user = userJson(ctx);
  if (!pending) {
    auth.twoFactorSecret = secret;
    auth.pendingSecret = undefined;
  }
  const fresh = newSession(ctx);
  const cookies = [fresh.header];
  if (pending) {
    sessions.endTwoFactor(header);
    cookies.push(clearCookie(TWO_FACTOR_COOKIE));
  }
  const reply = { token: fresh.token, user };
  sendJson(res, { status: 200, body: reply, cookies });
}

function enableTwoFactor({ ctx, req, res, body }: Call): void {
  if (!ctx.sessions.fromCookieHeader(req.headers.cookie)) {
    return sendJson(res, { status: 401, body: UNAUTHORIZED });
  }
  if (body.password !== ctx.auth.password) {
    return sendJson(res, { status: 400, body: BAD_PASSWORD });
  }
  const secret = new Secret({ size: 20 }).base32;
  ctx.auth.pendingSecret = secret;
  const issuer = typeof body.issuer === 'string' ? body.issuer : 'Uptime Kuma';
  const account = `${ctx.auth.username}@noreply.uptime-kuma.internal`;
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = `secret=${secret}&issuer=${encodeURIComponent(issuer).replaceAll('%20', '+')}&digits=6&period=30`;
  const backupCodes = Array.from({ length: 10 }, (_, i) => `sim-${i}-code`);
  sendJson(res, {
    status: 200,
    body: { totpURI: `otpauth://totp/${label}?${query}`, backupCodes },
  });
}

function disableTwoFactor({ ctx, req, res, body }: Call): void {
  const current = ctx.sessions.fromCookieHeader(req.headers.cookie);
  if (!current) return sendJson(res, { status: 401, body: UNAUTHORIZED });
  if (body.password !== ctx.auth.password) {
    return sendJson(res, { status: 400, body: BAD_PASSWORD });
  }
  ctx.auth.twoFactorSecret = undefined;
  ctx.sessions.revoke(current);
  const cookies = [newSession(ctx).header];
  sendJson(res, { status: 200, body: { status: true }, cookies });
}

function getSession({ ctx, req, res }: Call): void {
  const header = req.headers.cookie;
  const session = ctx.sessions.fromCookieHeader(header);
  if (session) {
    const ua = req.headers['user-agent'] ?? '';
    const body = {
      session: sessionJson(ctx, { session, ua }),
      user: userJson(ctx),
    };
    return sendJson(res, { status: 200, body });
  }
  const stale = (header ?? '').includes(`${SESSION_COOKIE}=`);
  const cookies = stale ? clearingCookies() : [];
  sendJson(res, { status: 200, body: null, cookies });
}

function signOut({ ctx, req, res }: Call): void {
  ctx.counters.signOut++;
  const session = ctx.sessions.fromCookieHeader(req.headers.cookie);
  if (session) ctx.sessions.revoke(session);
  const cookies = clearingCookies();
  sendJson(res, { status: 200, body: { success: true }, cookies });
}

function clearingCookies(): string[] {
  return [
    clearCookie(SESSION_COOKIE),
    clearCookie(SESSION_DATA_COOKIE),
    clearCookie(DONT_REMEMBER_COOKIE),
  ];
}

function newSession(ctx: SimContext): { token: string; header: string } {
  const { session, cookie } = ctx.sessions.create();
  const header = sessionCookie(ctx, { cookie, remember: true });
  return { token: session.token, header };
}

function sessionCookie(
  ctx: SimContext,
  opts: { cookie: string; remember: boolean },
): string {
  const maxAge = opts.remember
    ? Math.floor(ctx.sessions.ttlMs / 1000)
    : undefined;
  return setCookie(SESSION_COOKIE, opts.cookie, maxAge);
}

/** Better Auth's user object for the one Kuma user. */
function userJson(ctx: SimContext): Body {
  const { auth } = ctx;
  const created = ctx.startedAt.toISOString();
  return {
    name: auth.username,
    email: `${auth.username}@noreply.uptime-kuma.internal`,
    emailVerified: false,
    image: null,
    createdAt: created,
    updatedAt: created,
    username: auth.username,
    displayUsername: null,
    role: 'admin',
    banned: false,
    banReason: null,
    banExpires: null,
    twoFactorEnabled: auth.twoFactorSecret !== undefined,
    id: auth.userId,
  };
}

function sessionJson(
  ctx: SimContext,
  opts: { session: SimSession; ua: string },
): Body {
  const { session } = opts;
  return {
    expiresAt: session.expiresAt.toISOString(),
    token: session.token,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
    ipAddress: '',
    userAgent: opts.ua,
    userId: ctx.auth.userId,
    impersonatedBy: null,
    id: session.id,
  };
}
