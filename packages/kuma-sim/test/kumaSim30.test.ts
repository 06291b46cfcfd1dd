import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';

import type { KumaSim } from '../src/index';
import { simStarter } from './helpers';

const PASSWORD = 'Admin12345!x';
const sockets: Socket[] = [];

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

const start = simStarter({ dialect: '3.0' });

async function signIn(
  target: KumaSim,
  body: Record<string, unknown> = { username: 'admin', password: PASSWORD },
): Promise<{ res: Response; cookie: string | undefined }> {
  const res = await fetch(`${target.url}/api/auth/sign-in/username`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const header = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('better-auth.session_token='));
  return { res, cookie: header?.split(';')[0] };
}

/** Connects and resolves with the auth event: `session` or `loginRequired`. */
function connect(target: KumaSim, cookie?: string): Promise<string> {
  const socket = io(target.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: cookie ? { cookie } : {},
  });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.on('session', () => resolve('session'));
    socket.on('loginRequired', () => resolve('loginRequired'));
  });
}

describe('Kuma 3.0 dialect', () => {
  it('answers /api/auth/ok with JSON; 2.x and 1.23 serve their page', async () => {
    const v3 = await start();
    const res = await fetch(`${v3.url}/api/auth/ok`);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ ok: true });
    for (const dialect of ['2.x', '1.23'] as const) {
      const old = await start({ dialect });
      const page = await fetch(`${old.url}/api/auth/ok`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
    }
  });

  it('signs in case-insensitively and authenticates the socket by cookie', async () => {
    const target = await start({ monitors: [{ name: 'plex' }] });
    const { res, cookie } = await signIn(target, {
      username: 'ADMIN',
      password: PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(cookie).toMatch(/^better-auth\.session_token=.+/);
    expect(await connect(target, cookie)).toBe('session');
    expect(await connect(target)).toBe('loginRequired');
    expect(target.counters).toMatchObject({ signIn: 1, login: 0 });
  });

  it('refuses wrong credentials with 401 INVALID_USERNAME_OR_PASSWORD', async () => {
    const target = await start();
    const { res, cookie } = await signIn(target, {
      username: 'admin',
      password: 'nope',
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      code: 'INVALID_USERNAME_OR_PASSWORD',
    });
    expect(cookie).toBeUndefined();
  });

  it('rate-limits sign-ins with 429 and X-Retry-After', async () => {
    const target = await start({
      signInRateLimit: { max: 2, windowMs: 10_000 },
    });
    await signIn(target);
    await signIn(target);
    const { res } = await signIn(target);
    expect(res.status).toBe(429);
    expect(res.headers.get('x-retry-after')).toMatch(/^(9|10)$/);
    expect(await res.json()).toEqual({
      message: 'Too many requests. Please try again later.',
    });
  });

  it('refuses a cookie-carrying POST without Origin', async () => {
    const target = await start();
    const { cookie } = await signIn(target);
    const res = await fetch(`${target.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { cookie: cookie ?? '' },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'MISSING_OR_NULL_ORIGIN' });
  });

  it('signs out: deletes the session row and clears the cookies', async () => {
    const target = await start();
    const { cookie } = await signIn(target);
    const value = (cookie ?? '').replace('better-auth.session_token=', '');
    expect(target.sessionCookies()).toEqual([value]);
    const res = await fetch(`${target.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { cookie: cookie ?? '', origin: 'http://evil.example' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });
    expect(res.headers.getSetCookie()).toHaveLength(3);
    expect(target.sessionCookies()).toEqual([]);
    expect(target.counters.signOut).toBe(1);
    expect(await connect(target, cookie)).toBe('loginRequired');
  });

  it('leaves HTTP auth requests unanswered while not responding', async () => {
    const target = await start();
    target.setResponding(false);
    const res = fetch(`${target.url}/api/auth/ok`, {
      signal: AbortSignal.timeout(200),
    });
    await expect(res).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('keeps sessions across restart() and ends them on expireSessions()', async () => {
    const target = await start();
    const { cookie } = await signIn(target);
    await target.restart({ downMs: 50 });
    expect(await connect(target, cookie)).toBe('session');
    target.expireSessions();
    expect(await connect(target, cookie)).toBe('loginRequired');
  });

  it('expires sessions after sessionTtlMs', async () => {
    const target = await start({ sessionTtlMs: 50 });
    const { cookie } = await signIn(target);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await connect(target, cookie)).toBe('loginRequired');
  });

  it('announces disabled auth with session, never autoLogin', async () => {
    const target = await start({ authDisabled: true });
    expect(await connect(target)).toBe('session');
  });
});
