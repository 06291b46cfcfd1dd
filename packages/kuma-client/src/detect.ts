/**
 * Whether the server at `url` is Kuma 3.0: it answers `GET /api/auth/ok`
 * with JSON `{ok:true}`, where 1.23 and 2.x serve their web page. Any other
 * answer, or none, means the socket-login dialects. `signal` aborts the
 * request (the client was closed); the caller must check it afterwards.
 */
export async function isCookieAuthServer(opts: {
  url: string;
  timeoutMs: number;
  signal: AbortSignal;
}): Promise<boolean> {
  try {
    const res = await fetch(authUrl(opts.url, 'ok'), {
      redirect: 'manual',
      signal: AbortSignal.any([
        opts.signal,
        AbortSignal.timeout(opts.timeoutMs),
      ]),
    });
    const type = res.headers.get('content-type') ?? '';
    if (!res.ok || !type.includes('application/json')) {
      await res.body?.cancel();
      return false;
    }
    const body = (await res.json()) as { ok?: unknown } | null;
    return body?.ok === true;
  } catch {
    return false;
  }
}

/** `<url>/api/auth/<route>`, keeping a path prefix of `url`. */
export function authUrl(url: string, route: string): string {
  return `${url.replace(/\/+$/, '')}/api/auth/${route}`;
}
