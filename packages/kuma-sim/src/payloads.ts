import type { DialectSpec } from './dialects';
import { COMPUTED_MONITOR_KEYS } from './monitorJson';
import { templatesFor } from './templates';
import type { SimMonitorInit, SimMonitorPatch } from './types';

const computed = new Set<string>(COMPUTED_MONITOR_KEYS);

/** Kuma's refusal of an `add` payload, or undefined when it is accepted. */
export function addPayloadError(
  spec: DialectSpec,
  payload: Record<string, unknown>,
): string | undefined {
  if (!Array.isArray(payload.accepted_statuscodes)) {
    return "Cannot read properties of undefined (reading 'every')";
  }
  if (spec.name !== '1.23' && payload.conditions === undefined) {
    return 'SQLITE_CONSTRAINT: NOT NULL constraint failed: monitor.conditions';
  }
  const unknown = Object.keys(payload).find((k) => !isColumn(spec, k));
  if (unknown !== undefined) {
    return `SQLITE_ERROR: table monitor has no column named ${unknown}`;
  }
  const interval = Number(payload.interval ?? 60);
  if (interval < spec.minInterval) {
    return `Interval cannot be less than ${spec.minInterval} seconds`;
  }
  return undefined;
}

// Columns are the template's keys minus the computed ones; the payload
// also carries `notificationIDList` (stored in its own table).
function isColumn(spec: DialectSpec, key: string): boolean {
  if (key === 'notificationIDList') return true;
  return key in templatesFor(spec).monitor && !computed.has(key);
}

/** The monitor an `add` payload creates, and its other stored fields. */
export function initFromPayload(
  spec: DialectSpec,
  payload: Record<string, unknown>,
): { init: SimMonitorInit; extra: Record<string, unknown> } {
  const init: SimMonitorInit = {
    name: str(payload.name) ?? '',
    type: str(payload.type) ?? 'http',
    url: str(payload.url) ?? null,
    hostname: str(payload.hostname) ?? null,
    port: typeof payload.port === 'number' ? payload.port : null,
    interval: Number(payload.interval ?? 60),
    parent: parentId(payload.parent),
    active: payload.active !== false,
    pushToken: str(payload.pushToken),
    history: 0,
  };
  return { init, extra: extraFields(spec, payload) };
}

/** What an `editMonitor` payload changes. */
export function patchFromPayload(
  spec: DialectSpec,
  payload: Record<string, unknown>,
): { patch: SimMonitorPatch; extra: Record<string, unknown> } {
  const patch: SimMonitorPatch = {};
  if (typeof payload.name === 'string') patch.name = payload.name;
  if (typeof payload.type === 'string') patch.type = payload.type;
  if ('url' in payload) patch.url = str(payload.url) ?? null;
  if ('hostname' in payload) patch.hostname = str(payload.hostname) ?? null;
  if ('port' in payload) {
    patch.port = typeof payload.port === 'number' ? payload.port : null;
  }
  if (typeof payload.interval === 'number') patch.interval = payload.interval;
  if ('parent' in payload) patch.parent = parentId(payload.parent);
  return { patch, extra: extraFields(spec, payload) };
}

const OWN_FIELDS = new Set([
  'name',
  'type',
  'url',
  'hostname',
  'port',
  'interval',
  'parent',
  'active',
  'pushToken',
]);

function extraFields(
  spec: DialectSpec,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (isColumn(spec, key) && !OWN_FIELDS.has(key)) extra[key] = value;
  }
  return extra;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// The UI sends the group's id as a number; no group is null.
function parentId(value: unknown): number | null {
  const id = Number(value ?? Number.NaN);
  return Number.isInteger(id) && id > 0 ? id : null;
}
