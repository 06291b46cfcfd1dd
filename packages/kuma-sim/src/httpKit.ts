import type { IncomingMessage, ServerResponse } from 'node:http';

/** Attributes every Better Auth cookie of Kuma 3.0 carries (no `Secure`). */
const COOKIE_TAIL = 'Path=/; HttpOnly; SameSite=Lax';

/** A `Set-Cookie` value; `maxAgeS` undefined makes a browser-session cookie. */
export function setCookie(
  name: string,
  value: string,
  maxAgeS?: number,
): string {
  const age = maxAgeS === undefined ? '' : `Max-Age=${maxAgeS}; `;
  return `${name}=${value}; ${age}${COOKIE_TAIL}`;
}

/** A `Set-Cookie` that deletes the cookie. */
export function clearCookie(name: string): string {
  return setCookie(name, '', 0);
}

/** Sends JSON with an exact status, optional cookies and headers. */
export function sendJson(
  res: ServerResponse,
  opts: {
    status: number;
    body: unknown;
    cookies?: string[];
    headers?: Record<string, string>;
  },
): void {
  res.statusCode = opts.status;
  res.setHeader('content-type', 'application/json');
  for (const [name, value] of Object.entries(opts.headers ?? {})) {
    res.setHeader(name, value);
  }
  if (opts.cookies && opts.cookies.length > 0) {
    res.setHeader('set-cookie', opts.cookies);
  }
  res.end(JSON.stringify(opts.body));
}

/** What Kuma 1.23 and 2.x answer on any unknown GET: the web app's page. */
export function sendSpaPage(res: ServerResponse): void {
  res.statusCode = 200;
  res.setHeader('content-type', 'text/html; charset=UTF-8');
  res.end(
    '<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>Uptime Kuma</title></head><body><div id="app"></div></body></html>',
  );
}

/** The JSON request body, or `{}` when absent or not JSON. */
export async function readJson(
  req: IncomingMessage,
): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text || '{}');
    return parsed && typeof parsed === 'object'
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * A fixed-window limiter like Better Auth's: at most `max` requests per
 * `windowMs`; `take()` answers the seconds to wait when refused.
 */
export class WindowLimiter {
  #windowStart = 0;
  #count = 0;

  constructor(private readonly limit: { max: number; windowMs: number }) {}

  /** undefined when allowed, else the retry-after in whole seconds. */
  take(now = Date.now()): number | undefined {
    if (now - this.#windowStart >= this.limit.windowMs) {
      this.#windowStart = now;
      this.#count = 0;
    }
    if (this.#count < this.limit.max) {
      this.#count += 1;
      return undefined;
    }
    const leftMs = this.#windowStart + this.limit.windowMs - now;
    return Math.max(1, Math.ceil(leftMs / 1000));
  }
}
