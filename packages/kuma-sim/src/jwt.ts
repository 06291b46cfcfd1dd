import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Claims of a Kuma login token: no `exp`, valid until the password changes. */
export interface KumaJwtPayload {
  username: string;
  /** Digest of the password, so a password change revokes old tokens. */
  h: string;
  iat: number;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** The password digest stored in `h` (shake256, 16 bytes, hex). */
export function passwordDigest(password: string): string {
  return createHash('shake256', { outputLength: 16 })
    .update(password)
    .digest('hex');
}

/** Signs an HS256 JWT. */
export function signJwt(payload: KumaJwtPayload, secret: string): string {
  const body = `${HEADER}.${base64url(JSON.stringify(payload))}`;
  return `${body}.${signature(body, secret)}`;
}

/** The payload of a token signed with `secret`, or undefined. */
export function verifyJwt(
  token: unknown,
  secret: string,
): KumaJwtPayload | undefined {
  if (typeof token !== 'string') return undefined;
  const [header, body, sig] = token.split('.');
  if (!header || !body || sig === undefined) return undefined;

  const expected = Buffer.from(signature(`${header}.${body}`, secret));
  const actual = Buffer.from(sig);
  if (expected.length !== actual.length) return undefined;
  if (!timingSafeEqual(expected, actual)) return undefined;
  return parsePayload(body);
}

function parsePayload(body: string): KumaJwtPayload | undefined {
  try {
    const text = Buffer.from(body, 'base64url').toString('utf8');
    return JSON.parse(text) as KumaJwtPayload;
  } catch {
    return undefined;
  }
}

function signature(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
