import { Secret, TOTP } from 'otpauth';

import { sendBurst } from './burst';
import { passwordDigest, signJwt, verifyJwt } from './jwt';
import { plainError, reply, TOO_FREQUENTLY } from './messages';
import type { Registrar } from './requests';
import { sleep, setLoggedIn, USER_ROOM } from './simContext';
import type { AuthState, SimContext, SimSocket } from './simContext';

/** A JWT that `loginByToken` accepts for the current password. */
export function issueJwt(auth: AuthState, now = new Date()): string {
  const payload = {
    username: auth.username,
    h: passwordDigest(auth.password),
    iat: Math.floor(now.getTime() / 1000),
  };
  return signJwt(payload, auth.jwtSecret);
}

/** Whether a TOTP code is valid now (±1 step) for a base32 secret. */
export function totpValid(secret: string, token: string): boolean {
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  return totp.validate({ token, window: 1 }) !== null;
}

/**
 * Logs a socket in: burst and ack in the dialect's order (2.x acks after
 * the burst, 1.23 before it).
 */
export async function completeLogin(
  ctx: SimContext,
  opts: { socket: SimSocket; ack: () => void },
): Promise<void> {
  setLoggedIn(opts.socket, true);
  if (!ctx.spec.ackAfterBurst) {
    opts.ack();
    return sendBurst(ctx, opts.socket);
  }
  await sendBurst(ctx, opts.socket);
  opts.ack();
}

/** `login`, `loginByToken` and `logout`. */
export function registerAuth(
  ctx: SimContext,
  opts: { socket: SimSocket; on: Registrar },
): void {
  const { socket, on } = opts;
  on.open('login', async ([data], ack) => {
    if (!ack || !data || typeof data !== 'object') return;
    ctx.counters.login++;
    const answer = await checkPassword(ctx, data);
    if (answer) return ack(answer);
    const token = issueJwt(ctx.auth);
    await completeLogin(ctx, { socket, ack: () => ack({ ok: true, token }) });
  });

  on.open('loginByToken', async ([token], ack) => {
    if (!ack) return;
    ctx.counters.loginByToken++;
    if (!tokenValid(ctx.auth, token)) {
      return ack(reply(ctx.spec, { ok: false, key: 'authInvalidToken' }));
    }
    await completeLogin(ctx, { socket, ack: () => ack({ ok: true }) });
  });

  on.open('logout', async (_args, ack) => {
    if (!ctx.loginLimiter.take()) return ack?.(plainError(TOO_FREQUENTLY));
    await socket.leave(USER_ROOM);
    setLoggedIn(socket, false);
    ack?.();
  });
}

interface LoginData {
  username?: unknown;
  password?: unknown;
  token?: unknown;
}

// The refusal to send, or undefined when the login may proceed.
async function checkPassword(
  ctx: SimContext,
  data: LoginData,
): Promise<Record<string, unknown> | undefined> {
  if (!ctx.loginLimiter.take()) return plainError(TOO_FREQUENTLY);
  await sleep(ctx, ctx.loginDelayMs);

  const { auth, spec } = ctx;
  const sent = typeof data.username === 'string' ? data.username : '';
  const username = spec.i18nMessages ? sent.trim() : sent;
  if (username !== auth.username || data.password !== auth.password) {
    return reply(spec, { ok: false, key: 'authIncorrectCreds' });
  }
  return checkTotp(ctx, data.token);
}

function checkTotp(
  ctx: SimContext,
  token: unknown,
): Record<string, unknown> | undefined {
  const secret = ctx.auth.twoFactorSecret;
  if (!secret) return undefined;
  if (typeof token !== 'string' || token === '') return { tokenRequired: true };

  const reused = token === ctx.auth.lastTotp;
  if (reused || !totpValid(secret, token)) {
    return reply(ctx.spec, { ok: false, key: 'authInvalidTotp' });
  }
  ctx.auth.lastTotp = token;
  return undefined;
}

function tokenValid(auth: AuthState, token: unknown): boolean {
  const payload = verifyJwt(token, auth.jwtSecret);
  return (
    payload?.username === auth.username &&
    payload.h === passwordDigest(auth.password)
  );
}
