/**
 * Every failure the client reports, by code. The values are the codes
 * themselves so that `error.code === KUMA_ERROR_CODES.TIMEOUT` reads well.
 */
export const KUMA_ERROR_CODES = {
  /** Username or password refused by the server. */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** The account has 2FA and no `totp`/`totpSecret` option was given. */
  TWO_FACTOR_REQUIRED: 'TWO_FACTOR_REQUIRED',
  /** The TOTP code was wrong or already used. */
  INVALID_TWO_FACTOR: 'INVALID_TWO_FACTOR',
  /**
   * Kuma's global password-login limit (20 per minute) is exhausted, or
   * 3.0's sign-in limit answered HTTP 429 (see `retryAfterMs`).
   */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The JWT given to `loginByToken` was refused. */
  INVALID_TOKEN: 'INVALID_TOKEN',
  /** The server wants a login and no credentials were configured. */
  AUTH_REQUIRED: 'AUTH_REQUIRED',
  /**
   * 3.0: the session cookie is no longer accepted and there is no password
   * to sign in again with.
   */
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  /** A request was answered with "not logged in". */
  NOT_AUTHENTICATED: 'NOT_AUTHENTICATED',
  /** A request was not answered in time. */
  TIMEOUT: 'TIMEOUT',
  /** The socket could not be opened. */
  CONNECT_FAILED: 'CONNECT_FAILED',
  /** The socket closed while something was waiting on it. */
  DISCONNECTED: 'DISCONNECTED',
  /** The server sent a payload that does not match the protocol. */
  PROTOCOL: 'PROTOCOL',
  /** The post-login data did not arrive completely in time. */
  SYNC_TIMEOUT: 'SYNC_TIMEOUT',
  /** The server answered a request with `ok: false`. */
  REQUEST_FAILED: 'REQUEST_FAILED',
  /** The operation needs a state the client is not in (e.g. not ready). */
  NOT_READY: 'NOT_READY',
  /** `close()` was called. */
  CLOSED: 'CLOSED',
} as const;

export type KumaErrorCode =
  (typeof KUMA_ERROR_CODES)[keyof typeof KUMA_ERROR_CODES];

export interface KumaClientErrorOptions {
  /** The wire event involved, e.g. `heartbeat` or `login`. */
  event?: string;
  /** What was wrong, in the server's words or a parser's. */
  reason?: string;
  /** For `SYNC_TIMEOUT`: what never arrived. */
  missing?: readonly string[];
  /** For `RATE_LIMITED` over HTTP: how long the server asked to wait. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** The one error class of `@medianest/kuma-client`. */
export class KumaClientError extends Error {
  override readonly name = 'KumaClientError';
  readonly code: KumaErrorCode;
  readonly event: string | undefined;
  readonly reason: string | undefined;
  readonly missing: readonly string[];
  readonly retryAfterMs: number | undefined;

  constructor(
    code: KumaErrorCode,
    message: string,
    options: KumaClientErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.event = options.event;
    this.reason = options.reason;
    this.missing = options.missing ?? [];
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Wraps anything thrown into a `KumaClientError` (kept as is if one). */
  static from(cause: unknown, fallback: KumaErrorCode = 'PROTOCOL') {
    if (cause instanceof KumaClientError) return cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new KumaClientError(fallback, reason, { reason, cause });
  }
}

/** Which request a refusal answers: the same text means different things. */
export type AckContext = 'login' | 'loginByToken' | 'request';

const RATE_LIMIT_MESSAGES = new Set(['Too frequently, try again later.']);
const BAD_CREDENTIAL_MESSAGES = new Set([
  'authIncorrectCreds',
  'Incorrect username or password.',
]);
const BAD_TOKEN_MESSAGES = new Set([
  'authInvalidToken',
  'Invalid token.',
  'Invalid Token!',
  'authUserInactiveOrDeleted',
  'The user is inactive or deleted.',
]);
const NOT_LOGGED_IN_MESSAGES = new Set(['You are not logged in.']);

/**
 * Maps a server refusal (`{ok:false, msg}`) to an error. 2.x sends i18n keys,
 * 1.23 English sentences; both are listed above.
 */
export function refusalError(opts: {
  context: AckContext;
  event: string;
  msg: string | undefined;
}): KumaClientError {
  const msg = opts.msg ?? '';
  const code = refusalCode(opts.context, msg);
  return new KumaClientError(code, refusalMessage(code, opts.event, msg), {
    event: opts.event,
    reason: msg,
  });
}

function refusalCode(context: AckContext, msg: string): KumaErrorCode {
  if (RATE_LIMIT_MESSAGES.has(msg)) return 'RATE_LIMITED';
  if (NOT_LOGGED_IN_MESSAGES.has(msg)) return 'NOT_AUTHENTICATED';
  if (BAD_CREDENTIAL_MESSAGES.has(msg)) return 'INVALID_CREDENTIALS';
  if (BAD_TOKEN_MESSAGES.has(msg)) {
    // The same key answers a bad TOTP code on `login` and a bad JWT on
    // `loginByToken`.
    return context === 'login' ? 'INVALID_TWO_FACTOR' : 'INVALID_TOKEN';
  }
  return context === 'request' ? 'REQUEST_FAILED' : 'INVALID_CREDENTIALS';
}

const REFUSAL_HINTS: Partial<Record<KumaErrorCode, string>> = {
  RATE_LIMITED:
    'Too many password logins in the last minute: wait a minute; reconnects use the `token` option to avoid password logins.',
  INVALID_CREDENTIALS: 'Check the `username` and `password` options.',
  INVALID_TWO_FACTOR:
    'Check the `totp` or `totpSecret` option and the clock of this machine.',
  INVALID_TOKEN: 'Remove the `token` option or give a fresh one.',
  NOT_AUTHENTICATED: 'The socket is not logged in.',
};

function refusalMessage(code: KumaErrorCode, event: string, msg: string) {
  const said = msg ? ` (server said: ${msg})` : '';
  const hint = REFUSAL_HINTS[code];
  return `Kuma refused ${event}${said}.${hint ? ` ${hint}` : ''}`;
}
