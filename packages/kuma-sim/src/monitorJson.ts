import type { DialectSpec } from './dialects';
import type { MonitorStore, SimMonitorState } from './monitorStore';
import { ancestorsOf, descendantIds } from './monitorTree';
import { cloneJson, templatesFor } from './templates';

/** Keys Kuma computes in `toJSON`; a client payload never sets them. */
export const COMPUTED_MONITOR_KEYS = [
  'id',
  'path',
  'pathName',
  'childrenIDs',
  'forceInactive',
  'maintenance',
  'tags',
  'includeSensitiveData',
  'screenshot',
] as const;

/** Inputs of one monitor object. */
export interface MonitorJsonInput {
  spec: DialectSpec;
  store: MonitorStore;
  monitor: SimMonitorState;
  underMaintenance: boolean;
  /** `getMonitor` shape (2.x answers `path:[null]`, `pathName:""`). */
  forGetMonitor?: boolean;
}

/**
 * A monitor object with the captured key set and key order of the dialect:
 * the captured template with this monitor's values written over it.
 */
export function monitorJson(input: MonitorJsonInput): Record<string, unknown> {
  const { spec, monitor } = input;
  const json = cloneJson(templatesFor(spec).monitor);
  for (const [key, value] of Object.entries(monitor.extra)) {
    if (key in json) json[key] = value;
  }

  const ancestors = ancestorsOf(input.store, monitor);
  // Kuma's toJSON: a monitor is active only if every group above it is.
  const groupsActive = ancestors.every((group) => group.active);
  Object.assign(json, {
    id: monitor.id,
    name: monitor.name,
    url: monitor.url,
    hostname: monitor.hostname,
    port: monitor.port,
    parent: monitor.parent,
    childrenIDs: descendantIds(input.store, monitor.id),
    active: monitor.active && groupsActive,
    type: monitor.type,
    interval: monitor.interval,
    pushToken: monitor.pushToken,
    maintenance: input.underMaintenance,
    tags: tagsJson(input),
  });
  if ('forceInactive' in json) json.forceInactive = !groupsActive;
  writePath(json, { input, ancestors });
  return json;
}

function writePath(
  json: Record<string, unknown>,
  opts: { input: MonitorJsonInput; ancestors: readonly SimMonitorState[] },
): void {
  const { input, ancestors } = opts;
  const quirk = input.forGetMonitor && input.spec.getMonitorPathQuirk;
  const names = [...ancestors].reverse().map((group) => group.name);
  names.push(input.monitor.name);
  json.pathName = quirk ? '' : names.join(' / ');
  if ('path' in json) json.path = quirk ? [null] : names;
}

function tagsJson(input: MonitorJsonInput): Record<string, unknown>[] {
  const { monitor, store, spec } = input;
  return monitor.tags.map((tag, index) => {
    const row = {
      tag_id: store.tagId(tag.name),
      monitor_id: monitor.id,
      value: tag.value,
      name: tag.name,
      color: tag.color,
    };
    // 1.23 selects the whole monitor_tag row, so its row id comes first.
    return spec.incrementalListUpdates
      ? row
      : { id: monitor.id * 1000 + index, ...row };
  });
}

/** `{ "<id>": monitor, ... }` as `monitorList` carries it. */
export function monitorListJson(
  inputs: Omit<MonitorJsonInput, 'monitor' | 'underMaintenance'> & {
    isUnderMaintenance: (id: number) => boolean;
  },
): Record<string, Record<string, unknown>> {
  const list: Record<string, Record<string, unknown>> = {};
  for (const monitor of inputs.store.all()) {
    list[String(monitor.id)] = monitorJson({
      ...inputs,
      monitor,
      underMaintenance: inputs.isUnderMaintenance(monitor.id),
    });
  }
  return list;
}
