import { Secret, TOTP } from 'otpauth';
import type { KumaConnection } from './connection';
import { KumaClientError } from './errors';
import type { Logger } from './logger';
import { request } from './requests';
import { loginAck } from './schemas';

/** What the server said before we sent anything. */
export type AuthSignal =
  /** 2.x and 3.0: a login is needed (3.0: the cookie was not accepted). */
  | 'loginRequired'
  /** 3.0: the handshake's cookie (or disabled auth) logged the socket in. */
  | 'session'
  /** Auth is disabled: the socket is logged in already. */
  | 'autoLogin'
  /** 2.x with auth disabled: the burst started, `autoLogin` will end it. */
  | 'burst'
  /** Nothing within the grace period: 1.23, which needs a login. */
  | 'grace';

/**
 * Listens for the pre-login signal. Created before the socket opens so that
 * nothing the server sends on connect is missed.
 */
export class AuthSignalWatcher {
  #signal: AuthSignal | undefined;
  #notify: (signal: AuthSignal) => void = () => undefined;
  readonly #autoLogin: Promise<void>;

  constructor(conn: KumaConnection) {
    const { socket } = conn;
    socket.once('loginRequired', () => this.#set('loginRequired'));
    socket.once('session', () => this.#set('session'));
    socket.once('monitorList', () => this.#set('burst'));
    // Kept, not just awaited later: a 2.x burst and its closing
    // `autoLogin` can arrive in one read, before anyone waits for it.
    this.#autoLogin = new Promise((resolve) => {
      socket.once('autoLogin', () => {
        this.#set('autoLogin');
        resolve();
      });
    });
  }

  /** Resolves once `autoLogin` has arrived (also if it already did). */
  autoLogin(): Promise<void> {
    return this.#autoLogin;
  }

  /** Resolves with the first signal, or `grace` after `graceMs`. */
  wait(graceMs: number): Promise<AuthSignal> {
    if (this.#signal) return Promise.resolve(this.#signal);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#set('grace'), graceMs);
      timer.unref();
      this.#notify = (signal) => {
        clearTimeout(timer);
        resolve(signal);
      };
    });
  }

  #set(signal: AuthSignal): void {
    if (this.#signal) return;
    this.#signal = signal;
    this.#notify(signal);
  }
}

export interface Credentials {
  username: string | undefined;
  password: string | undefined;
  totp: string | undefined;
  totpSecret: string | undefined;
}

export interface LoginOptions {
  conn: KumaConnection;
  credentials: Credentials;
  /** A JWT to try first (given, or kept from the last password login). */
  token: string | undefined;
  timeoutMs: number;
  logger: Logger;
}

export interface LoginResult {
  via: 'token' | 'password';
  /** A fresh JWT, from a password login. */
  jwt?: string;
}

/**
 * Logs in: by token when there is one (not rate-limited), else or when the
 * token is refused by password, with a TOTP code only if the server asks.
 */
export async function login(opts: LoginOptions): Promise<LoginResult> {
  if (opts.token !== undefined) {
    try {
      await loginByToken(opts, opts.token);
      return { via: 'token' };
    } catch (error) {
      if (!isRefusedToken(error) || !hasPassword(opts.credentials)) throw error;
      opts.logger.warn({}, 'kuma-client: token refused, using the password');
    }
  }
  return passwordLogin(opts);
}

async function loginByToken(opts: LoginOptions, token: string): Promise<void> {
  await request(opts.conn, {
    event: 'loginByToken',
    args: [token],
    schema: loginAck,
    context: 'loginByToken',
    timeoutMs: opts.timeoutMs,
  });
}

async function passwordLogin(opts: LoginOptions): Promise<LoginResult> {
  const { username, password } = opts.credentials;
  if (username === undefined || password === undefined) {
    throw new KumaClientError(
      'AUTH_REQUIRED',
      'Kuma requires a login. Set the `username` and `password` options (or `token`).',
      { event: 'login' },
    );
  }
  const first = await sendLogin(opts, { username, password });
  if (first.tokenRequired !== true)
    return { via: 'password', jwt: first.token };

  const code = totpCode(opts.credentials);
  const second = await sendLogin(opts, { username, password, token: code });
  return { via: 'password', jwt: second.token };
}

function sendLogin(
  opts: LoginOptions,
  data: { username: string; password: string; token?: string },
) {
  return request(opts.conn, {
    event: 'login',
    args: [data],
    schema: loginAck,
    context: 'login',
    timeoutMs: opts.timeoutMs,
  });
}

/** The code to send when the server asks for one. */
export function totpCode(credentials: Credentials, event = 'login'): string {
  if (credentials.totpSecret !== undefined) {
    const secret = Secret.fromBase32(credentials.totpSecret.replace(/\s/g, ''));
    return new TOTP({ secret }).generate();
  }
  if (credentials.totp !== undefined) return credentials.totp;
  throw new KumaClientError(
    'TWO_FACTOR_REQUIRED',
    'This Kuma account has two-factor auth. Set the `totpSecret` option (or `totp` with a current code).',
    { event },
  );
}

function hasPassword(credentials: Credentials): boolean {
  return (
    credentials.username !== undefined && credentials.password !== undefined
  );
}

function isRefusedToken(error: unknown): boolean {
  return error instanceof KumaClientError && error.code === 'INVALID_TOKEN';
}
