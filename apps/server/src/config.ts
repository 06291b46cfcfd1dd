import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { loadConfig, type StatusCoreConfig } from '@medianest/status-core';
import { LOG_LEVELS, MIN_TOKEN_LENGTH, readEnv, type Env } from './configEnv';
import { ServerError, type SettingIssue } from './ServerError';

/** Where `pnpm --filter @medianest/web build` puts the dashboard. */
export const DEFAULT_WEB_DIST = fileURLToPath(
  new URL('../../web/dist', import.meta.url),
);

const tokenSchema = z.strictObject({
  /** The bearer token itself. */
  token: z
    .string()
    .min(MIN_TOKEN_LENGTH, `use at least ${MIN_TOKEN_LENGTH} characters`),
  role: z.enum(['viewer', 'admin']),
  /** Shown in logs and used as the rate-limit key instead of the token. */
  name: z.string().min(1).optional(),
});

/** The server's part of the config file; the rest belongs to status-core. */
export const serverFileSchema = z.strictObject({
  server: z
    .strictObject({
      /** @default '0.0.0.0' */
      host: z.string().min(1).default('0.0.0.0'),
      /** 0 picks a free port. @default 3000 */
      port: z.int().min(0).max(65_535).default(3000),
      /** @default 'info' */
      logLevel: z.enum(LOG_LEVELS).default('info'),
      /** The built dashboard; missing files just disable it. @default apps/web/dist */
      webDist: z.string().min(1).default(DEFAULT_WEB_DIST),
      /** Minimum time between two `admin.refresh` calls per token. @default 10000 */
      refreshIntervalMs: z.int().min(0).default(10_000),
      /**
       * Serialize each change once for all subscribers (see
       * `src/fanout`); false serves them with the stock tRPC adapter.
       * @default true
       */
      fanout: z.boolean().default(true),
      /** WebSocket ping interval; silent clients are dropped. @default 30000 */
      keepAliveMs: z.int().min(100).default(30_000),
    })
    .prefault({}),
  kuma: z
    .strictObject({
      /** @default 'http://127.0.0.1:3001' */
      url: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3001'),
      username: z.string().min(1).optional(),
      password: z.string().min(1).optional(),
      /** A JWT from a previous login, used instead of the password. */
      token: z.string().min(1).optional(),
      /** Base32 TOTP secret for accounts with 2FA. */
      totpSecret: z.string().min(1).optional(),
      /** Longest wait between reconnect attempts. @default 30000 */
      reconnectMaxMs: z.int().min(100).default(30_000),
    })
    .prefault({}),
  /** Absent: memory store, one instance. */
  redis: z
    .strictObject({
      url: z.url({ protocol: /^rediss?$/ }),
      /**
       * Prefix of every key; instances that share one prefix share the
       * statuses, the feed and the Kuma connection.
       * @default 'medianest:status:'
       */
      keyPrefix: z.string().min(1).optional(),
      /** Lifetime of the Kuma leader lock. @default 15000 */
      lockTtlMs: z.int().min(300).optional(),
    })
    .optional(),
  auth: z
    .strictObject({
      /** Let requests without a token read statuses. @default false */
      publicRead: z.boolean().default(false),
      tokens: z.array(tokenSchema).default([]),
    })
    .prefault({}),
});

type ServerFile = z.output<typeof serverFileSchema>;

/** Everything the server needs, validated. */
export interface ServerConfig extends ServerFile {
  /** The services and engine settings, as status-core validated them. */
  status: StatusCoreConfig;
  /** The file it came from, if any. */
  file: string | null;
}

const SERVER_KEYS = ['server', 'kuma', 'redis', 'auth'] as const;

export interface LoadServerConfigOptions {
  /** Usually `process.env`. @default {} */
  env?: Env;
  /** A parsed config used when `STATUS_CONFIG` is unset (tests, demo). */
  value?: unknown;
}

/**
 * Reads `STATUS_CONFIG` (JSON or YAML) or `value`, applies the environment
 * and validates it all.
 * @throws ServerError `INVALID_CONFIG` naming every bad field, or
 * `CONFIG_UNREADABLE`
 */
export async function loadServerConfig(
  opts: LoadServerConfigOptions = {},
): Promise<ServerConfig> {
  const env = opts.env ?? {};
  const { overrides, issues } = readEnv(env);
  const file = env.STATUS_CONFIG?.trim() ?? '';
  const raw = file ? await readConfigFile(file) : (opts.value ?? {});
  if (!isRecord(raw)) {
    throw invalid([{ path: '(root)', message: 'expected an object' }], file);
  }

  const { own, rest } = splitKeys(raw);
  const merged = mergeOverrides(own, overrides);
  const parsed = serverFileSchema.safeParse(merged);
  if (!parsed.success) issues.push(...parsed.error.issues.map(toIssue));
  const status = await loadStatusPart(rest, env, issues);
  if (issues.length > 0 || !parsed.success || status === null) {
    throw invalid(issues, file);
  }
  return { ...parsed.data, status, file: file || null };
}

function splitKeys(raw: Record<string, unknown>) {
  const own: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if ((SERVER_KEYS as readonly string[]).includes(key)) own[key] = value;
    else rest[key] = value;
  }
  return { own, rest };
}

function mergeOverrides(
  own: Record<string, unknown>,
  overrides: ReturnType<typeof readEnv>['overrides'],
): Record<string, unknown> {
  const section = (key: string) => (isRecord(own[key]) ? own[key] : {});
  const auth = section('auth');
  const fileTokens: unknown[] = Array.isArray(auth.tokens) ? auth.tokens : [];
  const merged: Record<string, unknown> = {
    ...own,
    server: { ...section('server'), ...overrides.server },
    kuma: { ...section('kuma'), ...overrides.kuma },
    auth: {
      ...auth,
      ...(overrides.auth.publicRead === undefined
        ? {}
        : { publicRead: overrides.auth.publicRead }),
      tokens: [...fileTokens, ...overrides.auth.tokens],
    },
  };
  if (overrides.redis) {
    merged.redis = { ...section('redis'), ...overrides.redis };
  }
  return merged;
}

async function loadStatusPart(
  rest: Record<string, unknown>,
  env: Env,
  issues: SettingIssue[],
): Promise<StatusCoreConfig | null> {
  try {
    return await loadConfig({
      value: rest,
      env: { ...env, STATUS_CONFIG: undefined },
    });
  } catch (error) {
    const nested = (error as { issues?: SettingIssue[] }).issues;
    if (nested?.length) issues.push(...nested);
    else issues.push({ path: '(services)', message: String(error) });
    return null;
  }
}

async function readConfigFile(file: string): Promise<unknown> {
  try {
    const text = await readFile(file, 'utf8');
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ServerError(
      'CONFIG_UNREADABLE',
      `Cannot read STATUS_CONFIG file ${file}: ${String(error)}. ` +
        'Check the path and that it is valid JSON or YAML.',
      { cause: error },
    );
  }
}

function invalid(issues: SettingIssue[], file: string): ServerError {
  const where = file ? ` (file ${file} and environment)` : '';
  const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}`);
  return new ServerError(
    'INVALID_CONFIG',
    `Invalid configuration${where}; fix these settings:\n${lines.join('\n')}`,
    { issues },
  );
}

function toIssue(issue: z.core.$ZodIssue): SettingIssue {
  const path = issue.path
    .map((key, index) =>
      typeof key === 'number'
        ? `[${key}]`
        : `${index ? '.' : ''}${String(key)}`,
    )
    .join('');
  return { path, message: issue.message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
