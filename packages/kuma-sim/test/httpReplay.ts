import { Secret, TOTP } from 'otpauth';

import type { CaptureLine } from '../src/index';
import { skeleton } from './skeleton';

/** A recorded HTTP request (`action` marker of kind `http`). */
export interface HttpAction {
  kind: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: unknown;
  status?: number;
}

/** The `action` payload of a marker line, if it is one. */
export function actionOf(line: CaptureLine): HttpAction | undefined {
  if (line.dir !== 'marker' || line.event !== 'action') return undefined;
  return line.args[0] as HttpAction;
}

/** Push-API calls are reproduced with `sim.beat()`, not over HTTP. */
export function isReplayedHttp(action: HttpAction | undefined): boolean {
  return (
    (action?.kind === 'http' || action?.kind === 'http-response') &&
    !(action.path ?? '').startsWith('/api/push/')
  );
}

/**
 * What an HTTP exchange is compared by: status, content type, the exact
 * body of an error (Better Auth's `{message, code}` are fixed texts) or the
 * type skeleton of a success, and each `Set-Cookie` with its value hidden.
 */
export function httpLabel(opts: {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: string;
  setCookies: readonly string[];
}): string {
  const parsed = JSON.parse(opts.body || 'null') as unknown;
  const body = opts.status >= 400 ? opts.body : skeleton(parsed);
  const cookies = opts.setCookies.map(maskCookie).join(' | ');
  const type = opts.contentType.split(';')[0] ?? '';
  return `${opts.method} ${opts.path} → ${opts.status} ${type} ${body} [${cookies}]`;
}

function maskCookie(header: string): string {
  const [pair = '', ...attrs] = header.split('; ');
  const eq = pair.indexOf('=');
  const value = pair.slice(eq + 1) === '' ? '' : '<value>';
  return [`${pair.slice(0, eq)}=${value}`, ...attrs].join('; ');
}

/** The label of a recorded `http-response` marker. */
export function recordedHttpLabel(action: HttpAction, line: CaptureLine) {
  const response = line.args[0] as {
    headers: Record<string, string | string[] | undefined>;
    body: string;
  };
  const cookies = response.headers['set-cookie'];
  const contentType = response.headers['content-type'];
  return httpLabel({
    method: action.method ?? 'GET',
    path: action.path ?? '',
    status: action.status ?? 0,
    contentType: typeof contentType === 'string' ? contentType : '',
    body: response.body,
    setCookies: Array.isArray(cookies) ? cookies : [],
  });
}

/**
 * Cookies the replay learnt from the simulator, standing in for the
 * capture's redacted `<session-cookie>` and `<two-factor-cookie>`: the last
 * non-empty value this socket label received, else any label's.
 */
export class CookieJar {
  readonly #bySock = new Map<string, Map<string, string>>();
  readonly #latest = new Map<string, string>();
  #totpSecret: string | undefined;

  constructor(private readonly password: string) {}

  learn(sock: string, setCookies: readonly string[]): void {
    for (const header of setCookies) {
      const pair = header.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      if (value === '') continue;
      const own = this.#bySock.get(sock) ?? new Map<string, string>();
      own.set(name, value);
      this.#bySock.set(sock, own);
      this.#latest.set(name, value);
    }
  }

  learnTotpSecret(body: string): void {
    const uri = (JSON.parse(body) as { totpURI?: string }).totpURI;
    if (uri) this.#totpSecret = new URL(uri).searchParams.get('secret') ?? '';
  }

  /** A recorded header or body text with the placeholders filled in. */
  fill(sock: string, text: string): string {
    const cookie = (name: string) =>
      this.#bySock.get(sock)?.get(name) ?? this.#latest.get(name) ?? '';
    return text
      .replaceAll('<session-cookie>', cookie('better-auth.session_token'))
      .replaceAll('<two-factor-cookie>', cookie('better-auth.two_factor'))
      .replaceAll('<password>', this.password);
  }

  // Recorded codes have expired: a real-looking one becomes a fresh code.
  fillCode(code: string): string {
    if (code === '000000' || !this.#totpSecret) return code;
    const secret = Secret.fromBase32(this.#totpSecret);
    return new TOTP({ secret }).generate();
  }
}

/** Sends a recorded request to the simulator; answers its label. */
export async function replayHttp(opts: {
  baseUrl: string;
  sock: string;
  action: HttpAction;
  jar: CookieJar;
}): Promise<string> {
  const { action, jar, sock } = opts;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(action.headers ?? {})) {
    headers[name] = jar.fill(sock, value);
  }
  const body = fillBody(jar, { sock, body: action.body });
  const res = await fetch(`${opts.baseUrl}${action.path ?? ''}`, {
    method: action.method ?? 'GET',
    headers,
    redirect: 'manual',
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  const setCookies = res.headers.getSetCookie();
  // The recorder kept using the pre-disable cookie to show it was revoked.
  if (!(action.path ?? '').endsWith('/two-factor/disable')) {
    jar.learn(sock, setCookies);
  }
  if ((action.path ?? '').endsWith('/two-factor/enable')) {
    jar.learnTotpSecret(text);
  }
  return httpLabel({
    method: action.method ?? 'GET',
    path: action.path ?? '',
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body: text,
    setCookies,
  });
}

function fillBody(
  jar: CookieJar,
  opts: { sock: string; body: unknown },
): string | undefined {
  if (opts.body === undefined || opts.body === null) return undefined;
  const filled = { ...(opts.body as Record<string, unknown>) };
  for (const [key, value] of Object.entries(filled)) {
    if (typeof value !== 'string') continue;
    filled[key] =
      key === 'code' ? jar.fillCode(value) : jar.fill(opts.sock, value);
  }
  return JSON.stringify(filled);
}
