import type { SettingIssue } from './ServerError';

/** The environment variables the server reads, besides status-core's own. */
export const SERVER_ENV_VARS = [
  'STATUS_CONFIG',
  'PORT',
  'HOST',
  'KUMA_URL',
  'KUMA_USERNAME',
  'KUMA_PASSWORD',
  'KUMA_TOKEN',
  'KUMA_TOTP_SECRET',
  'REDIS_URL',
  'STATUS_ADMIN_TOKEN',
  'STATUS_VIEWER_TOKEN',
  'STATUS_PUBLIC_READ',
  'STATUS_WEB_DIST',
  'STATUS_FANOUT',
  'LOG_LEVEL',
] as const;

export type Env = Record<string, string | undefined>;

/** The file-shaped overrides derived from the environment. */
export interface EnvOverrides {
  server: Record<string, unknown>;
  kuma: Record<string, unknown>;
  redis?: { url: string };
  auth: { publicRead?: boolean; tokens: TokenEntry[] };
}

interface TokenEntry {
  token: string;
  role: 'viewer' | 'admin';
  name: string;
}

export const MIN_TOKEN_LENGTH = 12;
export const LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const;

/**
 * Reads the server's variables. Each bad value becomes an issue named after
 * the variable; secrets are never echoed back in the message.
 */
export function readEnv(env: Env): {
  overrides: EnvOverrides;
  issues: SettingIssue[];
} {
  const issues: SettingIssue[] = [];
  const overrides: EnvOverrides = {
    server: {},
    kuma: {},
    auth: { tokens: [] },
  };
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const fail = (path: string, message: string) => {
    issues.push({ path, message });
  };

  const port = get('PORT');
  if (port !== undefined) {
    const parsed = parsePort(port);
    if (parsed === null) {
      fail('PORT', `expected a port number 0-65535, got "${port}"`);
    } else overrides.server.port = parsed;
  }
  const host = get('HOST');
  if (host !== undefined) overrides.server.host = host;
  const webDist = get('STATUS_WEB_DIST');
  if (webDist !== undefined) overrides.server.webDist = webDist;

  const logLevel = get('LOG_LEVEL');
  if (logLevel !== undefined) {
    if (isLogLevel(logLevel)) overrides.server.logLevel = logLevel;
    else
      fail(
        'LOG_LEVEL',
        `expected one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`,
      );
  }

  readKuma({ get, fail, overrides });
  readAuth({ get, fail, overrides });
  return { overrides, issues };
}

interface ReaderContext {
  get: (name: string) => string | undefined;
  fail: (path: string, message: string) => void;
  overrides: EnvOverrides;
}

function readKuma({ get, fail, overrides }: ReaderContext): void {
  const url = get('KUMA_URL');
  if (url !== undefined) {
    if (isUrl(url, ['http:', 'https:'])) overrides.kuma.url = url;
    else
      fail(
        'KUMA_URL',
        `expected an http(s) URL such as http://127.0.0.1:3001, got "${url}"`,
      );
  }
  const fields = {
    KUMA_USERNAME: 'username',
    KUMA_PASSWORD: 'password',
    KUMA_TOKEN: 'token',
    KUMA_TOTP_SECRET: 'totpSecret',
  } as const;
  for (const [name, key] of Object.entries(fields)) {
    const value = get(name);
    if (value !== undefined) overrides.kuma[key] = value;
  }

  const redis = get('REDIS_URL');
  if (redis === undefined) return;
  if (isUrl(redis, ['redis:', 'rediss:'])) overrides.redis = { url: redis };
  else fail('REDIS_URL', 'expected a redis:// or rediss:// URL');
}

function readAuth({ get, fail, overrides }: ReaderContext): void {
  const roles = {
    STATUS_ADMIN_TOKEN: 'admin',
    STATUS_VIEWER_TOKEN: 'viewer',
  } as const;
  for (const [name, role] of Object.entries(roles)) {
    const token = get(name);
    if (token === undefined) continue;
    if (token.length < MIN_TOKEN_LENGTH) {
      fail(name, `use a token of at least ${MIN_TOKEN_LENGTH} characters`);
    } else overrides.auth.tokens.push({ token, role, name: `env-${role}` });
  }

  const publicRead = readFlag({ get, fail, overrides }, 'STATUS_PUBLIC_READ');
  if (publicRead !== undefined) overrides.auth.publicRead = publicRead;
  const fanout = readFlag({ get, fail, overrides }, 'STATUS_FANOUT');
  if (fanout !== undefined) overrides.server.fanout = fanout;
}

function readFlag(ctx: ReaderContext, name: string): boolean | undefined {
  const text = ctx.get(name);
  if (text === undefined) return undefined;
  const flag = parseBoolean(text);
  if (flag === null) ctx.fail(name, `expected true or false, got "${text}"`);
  return flag ?? undefined;
}

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port <= 65_535 ? port : null;
}

function parseBoolean(text: string): boolean | null {
  const lower = text.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lower)) return true;
  if (['false', '0', 'no', 'off'].includes(lower)) return false;
  return null;
}

function isLogLevel(text: string): text is (typeof LOG_LEVELS)[number] {
  return (LOG_LEVELS as readonly string[]).includes(text);
}

function isUrl(text: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
