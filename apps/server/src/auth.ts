import { createHash, timingSafeEqual } from 'node:crypto';

export type Role = 'viewer' | 'admin';

/** Who is calling. `anonymous` only exists when public read is on. */
export interface Identity {
  role: Role | 'anonymous';
  /** The token's configured name, for logs and rate limits. */
  name: string;
}

/** The result of checking a presented token. */
export type AuthResult =
  | { ok: true; identity: Identity }
  | { ok: false; reason: 'missing' | 'unknown' };

export interface TokenGrant {
  token: string;
  role: Role;
  name?: string;
}

export interface AuthenticatorOptions {
  tokens: readonly TokenGrant[];
  /** Let callers without a token read as `anonymous`. @default false */
  publicRead?: boolean;
}

/** Checks bearer tokens against the configured ones. */
export interface Authenticator {
  authenticate(token: string | null | undefined): AuthResult;
  readonly publicRead: boolean;
}

interface HashedGrant {
  digest: Buffer;
  identity: Identity;
}

/**
 * Builds an authenticator. Tokens are compared as SHA-256 digests with
 * `timingSafeEqual`, and every grant is compared on every call, so neither
 * the length nor the position of a match leaks through timing.
 */
export function createAuthenticator(opts: AuthenticatorOptions): Authenticator {
  const grants: HashedGrant[] = opts.tokens.map((grant, index) => ({
    digest: sha256(grant.token),
    identity: {
      role: grant.role,
      name: grant.name ?? `${grant.role}-${index}`,
    },
  }));
  const publicRead = opts.publicRead ?? false;

  const authenticate = (token: string | null | undefined): AuthResult => {
    if (token === undefined || token === null || token === '') {
      return publicRead
        ? { ok: true, identity: { role: 'anonymous', name: 'anonymous' } }
        : { ok: false, reason: 'missing' };
    }
    const digest = sha256(token);
    let match: Identity | null = null;
    for (const grant of grants) {
      if (timingSafeEqual(digest, grant.digest)) match ??= grant.identity;
    }
    return match
      ? { ok: true, identity: match }
      : { ok: false, reason: 'unknown' };
  };
  return { authenticate, publicRead };
}

/** `Bearer abc` → `abc`; anything else → null. */
export function bearerToken(
  header: string | string[] | undefined,
): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
  return match?.[1] ?? null;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
