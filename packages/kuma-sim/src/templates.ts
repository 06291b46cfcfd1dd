import { firstServerLine, loadCapture } from './captures';
import type { DialectSpec } from './dialects';
import { KumaSimError } from './errors';

/**
 * Wire objects copied from the recorded traffic in `captures/`, so that key
 * sets and key order follow the real server without being retyped here.
 */
export interface DialectTemplates {
  monitor: Record<string, unknown>;
  preLoginInfo: Record<string, unknown>;
  postLoginInfo: Record<string, unknown>;
  monitorTypeList: unknown;
  /** Absent when the recorded instance had no API key (3.0). */
  apiKey: Record<string, unknown> | undefined;
  statusPage: Record<string, unknown>;
  certInfo: Record<string, unknown>;
  maintenance: Record<string, unknown>;
}

const cache = new Map<string, DialectTemplates>();

/** Templates of a dialect, read once from its main login capture. */
export function templatesFor(spec: DialectSpec): DialectTemplates {
  const cached = cache.get(spec.captureDir);
  if (cached) return cached;
  const built = buildTemplates(spec);
  cache.set(spec.captureDir, built);
  return built;
}

function buildTemplates(spec: DialectSpec): DialectTemplates {
  const lines = loadCapture(spec.captureDir, spec.templateScenario);
  const infos = lines.filter((l) => l.dir === 'server' && l.event === 'info');
  const list = objectArg(firstServerLine(lines, 'monitorList').args[0]);
  const cert = certTemplate(lines);

  return {
    monitor: objectArg(list['1']),
    preLoginInfo: objectArg(infos[0]?.args[0]),
    postLoginInfo: objectArg(infos[1]?.args[0]),
    monitorTypeList: spec.incrementalListUpdates
      ? firstServerLine(lines, 'monitorTypeList').args[0]
      : undefined,
    apiKey: optionalObject(arrayArg(apiKeys(lines))[0]),
    statusPage: objectArg(
      objectArg(firstServerLine(lines, 'statusPageList').args[0])['1'],
    ),
    certInfo: objectArg(JSON.parse(String(cert))),
    maintenance: maintenanceTemplate(),
  };
}

// The 3.0 instance had no TLS monitor; its certInfo code is 2.5.3's.
function certTemplate(lines: ReturnType<typeof loadCapture>): unknown {
  const own = lines.find((l) => l.dir === 'server' && l.event === 'certInfo');
  const line =
    own ?? firstServerLine(loadCapture('2.5.3', 'login-password'), 'certInfo');
  return line.args[1];
}

function optionalObject(value: unknown): Record<string, unknown> | undefined {
  return value === undefined ? undefined : objectArg(value);
}

function apiKeys(lines: ReturnType<typeof loadCapture>): unknown {
  return firstServerLine(lines, 'apiKeyList').args[0];
}

// Only 2.5.3 recorded a maintenance object; 1.23 reuses its shape.
function maintenanceTemplate(): Record<string, unknown> {
  const lines = loadCapture('2.5.3', 'maintenance');
  const line = lines.find(
    (l) =>
      l.event === 'maintenanceList' &&
      Object.keys(objectArg(l.args[0])).length > 0,
  );
  return objectArg(objectArg(line?.args[0])['1']);
}

function objectArg(value: unknown): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  throw new KumaSimError(
    'CAPTURE_SHAPE',
    'a capture template is not an object; check packages/kuma-sim/captures/',
  );
}

function arrayArg(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  throw new KumaSimError(
    'CAPTURE_SHAPE',
    'a capture template is not an array; check packages/kuma-sim/captures/',
  );
}

/** A deep copy of a JSON template. */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}
