import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Cookie names of Kuma 3.0 (Better Auth with Kuma's fixed base URL). */
export const SESSION_COOKIE = 'better-auth.session_token';
export const TWO_FACTOR_COOKIE = 'better-auth.two_factor';
export const SESSION_DATA_COOKIE = 'better-auth.session_data';
export const DONT_REMEMBER_COOKIE = 'better-auth.dont_remember';

/** 10 minutes to finish a 2FA sign-in, as Better Auth allows. */
export const TWO_FACTOR_TTL_MS = 600_000;

/** One Better Auth session row. */
export interface SimSession {
  id: string;
  token: string;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
}

/**
 * Session and pending-2FA rows of the simulated 3.0 instance. Cookies are
 * `<token>.<HMAC>` URL-encoded, like Better Auth's signed cookies; the rows
 * live in the simulator, so they survive `restart()` as Kuma's database
 * rows survive a process restart.
 */
export class SessionStore {
  readonly #secret = randomBytes(32);
  readonly #sessions = new Map<string, SimSession>();
  readonly #twoFactor = new Map<string, number>();

  constructor(readonly ttlMs: number) {}

  /** A new session; returns it with its cookie value. */
  create(now = new Date()): { session: SimSession; cookie: string } {
    const token = randomId();
    const session: SimSession = {
      id: randomId(),
      token,
      createdAt: now,
      updatedAt: now,
      expiresAt: new Date(now.getTime() + this.ttlMs),
    };
    this.#sessions.set(token, session);
    return { session, cookie: this.sign(token) };
  }

  /** The live session a `Cookie` header carries, if any. */
  fromCookieHeader(header: string | undefined): SimSession | undefined {
    const token = this.#verify(readCookie(header, SESSION_COOKIE));
    const session = token ? this.#sessions.get(token) : undefined;
    if (!session) return undefined;
    if (session.expiresAt.getTime() <= Date.now()) {
      this.#sessions.delete(session.token);
      return undefined;
    }
    return session;
  }

  /** Cookie values of the sessions that have not expired, oldest first. */
  liveCookies(now = Date.now()): string[] {
    return [...this.#sessions.values()]
      .filter((session) => session.expiresAt.getTime() > now)
      .map((session) => this.sign(session.token));
  }

  revoke(session: SimSession): void {
    this.#sessions.delete(session.token);
  }

  /** Ends every session now, as if seven days had passed. */
  expireAll(): void {
    this.#sessions.clear();
  }

  /** A pending 2FA sign-in; returns the `two_factor` cookie value. */
  startTwoFactor(): string {
    const id = randomId();
    this.#twoFactor.set(id, Date.now() + TWO_FACTOR_TTL_MS);
    return this.sign(id);
  }

  /** Consumes the pending 2FA sign-in a `Cookie` header carries. */
  hasTwoFactor(header: string | undefined): boolean {
    const id = this.#verify(readCookie(header, TWO_FACTOR_COOKIE));
    const until = id ? this.#twoFactor.get(id) : undefined;
    return until !== undefined && until > Date.now();
  }

  endTwoFactor(header: string | undefined): void {
    const id = this.#verify(readCookie(header, TWO_FACTOR_COOKIE));
    if (id) this.#twoFactor.delete(id);
  }

  /** `<value>.<signature>`, URL-encoded as Better Auth sends it. */
  sign(value: string): string {
    return encodeURIComponent(`${value}.${this.#mac(value)}`);
  }

  #verify(cookie: string | undefined): string | undefined {
    if (!cookie) return undefined;
    const decoded = safeDecode(cookie);
    const dot = decoded.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const value = decoded.slice(0, dot);
    const actual = Buffer.from(decoded.slice(dot + 1));
    const expected = Buffer.from(this.#mac(value));
    if (actual.length !== expected.length) return undefined;
    return timingSafeEqual(actual, expected) ? value : undefined;
  }

  #mac(value: string): string {
    return createHmac('sha256', this.#secret).update(value).digest('base64');
  }
}

/** The value of cookie `name` in a `Cookie` request header. */
export function readCookie(
  header: string | undefined,
  name: string,
): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      return part.slice(eq + 1).trim();
    }
  }
  return undefined;
}

function randomId(): string {
  return randomBytes(24).toString('base64url').slice(0, 32);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
