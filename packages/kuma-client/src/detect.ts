/**
 * Whether the server at `url` is Kuma 3.0: it answers `GET /api/auth/ok`
 * with JSON `{ok:true}`, where 1.23 and 2.x serve their web page. Any other
 * answer, or none, means the socket-login dialects.
 */
export async function isCookieAuthServer(
  url: string,
  timeoutMs: number,
): Promise<boolean> {
  try {
    const res = await fetch(authUrl(url, 'ok'), {
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
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
