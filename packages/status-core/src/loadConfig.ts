import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { StatusCoreError, type ConfigIssue } from './StatusCoreError';
import {
  statusCoreConfigSchema,
  type EngineSettings,
  type StatusCoreConfig,
} from './configSchema';

export interface LoadConfigOptions {
  /** A `.json`, `.yaml` or `.yml` file. Falls back to `env.STATUS_CONFIG`. */
  file?: string;
  /** Already-parsed config, used when no file is given. */
  value?: unknown;
  /** Overrides, usually `process.env`. @default {} */
  env?: Record<string, string | undefined>;
}

/** Environment variable → engine setting. */
export const ENGINE_ENV_VARS = {
  STATUS_STALENESS_FACTOR: 'stalenessFactor',
  STATUS_PROBE_INTERVAL_MS: 'probeIntervalMs',
  STATUS_PROBE_TIMEOUT_MS: 'probeTimeoutMs',
  STATUS_PROBE_CONCURRENCY: 'probeConcurrency',
  STATUS_PROBE_SLOW_MS: 'probeSlowMs',
  STATUS_GRACE_PERIOD_MS: 'gracePeriodMs',
  STATUS_HISTORY_SIZE: 'historySize',
  STATUS_FLAP_WINDOW_MS: 'flapWindowMs',
  STATUS_FLAP_THRESHOLD: 'flapThreshold',
} as const satisfies Record<string, keyof EngineSettings>;

/**
 * Reads, overrides and validates a services config. Besides the engine
 * variables in `ENGINE_ENV_VARS`, `STATUS_SERVICE_<ID>_HEALTH_URL` replaces
 * one service's `healthUrl` (id upper-cased, dashes as underscores).
 * @throws StatusCoreError `CONFIG_UNREADABLE` or `INVALID_CONFIG`
 */
export async function loadConfig(
  opts: LoadConfigOptions = {},
): Promise<StatusCoreConfig> {
  const env = opts.env ?? {};
  const file = opts.file ?? env.STATUS_CONFIG;
  const raw = file === undefined ? (opts.value ?? {}) : await readConfig(file);
  return parseConfig(applyEnv(raw, env));
}

/**
 * Validates an already-read config.
 * @throws StatusCoreError `INVALID_CONFIG` listing every issue by field path
 */
export function parseConfig(raw: unknown): StatusCoreConfig {
  const result = statusCoreConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap(toConfigIssues);
  const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}`);
  throw new StatusCoreError(
    'INVALID_CONFIG',
    `Invalid status config; fix these fields:\n${lines.join('\n')}`,
    { issues, cause: result.error },
  );
}

/** `['services', 2, 'healthUrl']` → `services[2].healthUrl`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}

function toConfigIssues(issue: z.core.$ZodIssue): ConfigIssue[] {
  // Name each unknown key itself, so a typo points at its own line.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatIssuePath([...issue.path, key]),
      message: 'unknown setting; check the spelling',
    }));
  }
  const path = formatIssuePath(issue.path) || '(root)';
  return [{ path, message: issue.message }];
}

async function readConfig(file: string): Promise<unknown> {
  try {
    const text = await readFile(file, 'utf8');
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new StatusCoreError(
      'CONFIG_UNREADABLE',
      `Cannot read status config ${file}: ${String(error)}. ` +
        'Check the path and that the file is valid JSON or YAML.',
      { cause: error },
    );
  }
}

function applyEnv(
  raw: unknown,
  env: Record<string, string | undefined>,
): unknown {
  if (!isRecord(raw)) return raw;
  const engine = isRecord(raw.engine) ? { ...raw.engine } : {};
  for (const [name, key] of Object.entries(ENGINE_ENV_VARS)) {
    const value = env[name];
    if (value !== undefined && value !== '') engine[key] = toNumber(value);
  }
  const services = Array.isArray(raw.services)
    ? raw.services.map((service: unknown) => applyServiceEnv(service, env))
    : raw.services;
  return { ...raw, engine, services };
}

function applyServiceEnv(
  service: unknown,
  env: Record<string, string | undefined>,
): unknown {
  if (!isRecord(service) || typeof service.id !== 'string') return service;
  const name = service.id.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const url = env[`STATUS_SERVICE_${name}_HEALTH_URL`];
  return url ? { ...service, healthUrl: url } : service;
}

function toNumber(value: string): number | string {
  const number = Number(value);
  return Number.isFinite(number) ? number : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
