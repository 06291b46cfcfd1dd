import { PASSWORD } from './matrix';

const PREFIX = 'better-auth.session_token=';

/** Signs in the way a caller with its own cookie store would. */
export async function signInByHand(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in/username`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const header = res.headers.getSetCookie().find((c) => c.startsWith(PREFIX));
  return (header?.split(';')[0] ?? '').replace(PREFIX, '');
}

/** What `GET /api/auth/get-session` answers to a cookie: null once ended. */
export async function getSession(
  url: string,
  cookie: string,
): Promise<unknown> {
  const res = await fetch(`${url}/api/auth/get-session`, {
    headers: { cookie: `${PREFIX}${cookie}` },
  });
  return res.json();
}
