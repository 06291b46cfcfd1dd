import { randomBytes } from 'node:crypto';

import { defaultMessage, isImportant, nextRetries } from './beatRules';
import { KumaSimError } from './errors';
import type {
  SimCertInfo,
  SimHistoryBeat,
  SimMonitorInit,
  SimNewMonitor,
  SimStatus,
  SimTag,
} from './types';

/** A heartbeat as stored: the source of live beats and DB rows. */
export interface StoredBeat {
  id: number;
  monitorId: number;
  status: SimStatus;
  time: Date;
  endTime: Date;
  msg: string;
  ping: number | null;
  important: boolean;
  /** Seconds since the previous beat. */
  duration: number;
  retries: number;
  /** The monitor was a push monitor: only those store a duration in 2.x. */
  pushMonitor: boolean;
}

/** A monitor as the simulator keeps it. */
export interface SimMonitorState extends SimNewMonitor {
  interval: number;
  /** The group's id; Kuma's `active` in JSON also reflects the groups. */
  parent: number | null;
  /** The monitor's own flag, as `pauseMonitor`/`resumeMonitor` set it. */
  active: boolean;
  tags: Required<SimTag>[];
  pushToken: string | null;
  cert: SimCertInfo | undefined;
  beats: StoredBeat[];
  /**
   * Other monitor columns (`maxretries` from the init, whatever a client set
   * through `add` / `editMonitor`), written over the template's values.
   */
  extra: Record<string, unknown>;
}

const DEFAULT_TAG_COLOR = '#2563EB';

/** Monitors and their beats, with Kuma's id allocation. */
export class MonitorStore {
  private readonly monitors = new Map<number, SimMonitorState>();
  private nextMonitorId = 1;
  private nextBeatId = 1;
  private readonly tagIds = new Map<string, number>();

  ids(): number[] {
    return [...this.monitors.keys()];
  }

  all(): SimMonitorState[] {
    return [...this.monitors.values()];
  }

  find(id: number): SimMonitorState | undefined {
    return this.monitors.get(id);
  }

  get(id: number): SimMonitorState {
    const monitor = this.monitors.get(id);
    if (!monitor) throw KumaSimError.unknownMonitor(id);
    return monitor;
  }

  create(init: SimMonitorInit): SimMonitorState {
    const type = init.type ?? 'http';
    const monitor: SimMonitorState = {
      id: this.nextMonitorId++,
      name: init.name,
      type,
      url: init.url ?? (needsHost(type) ? null : 'https://example.com/'),
      hostname: init.hostname ?? null,
      port: init.port ?? null,
      interval: init.interval ?? 20,
      parent: init.parent ?? null,
      active: init.active ?? true,
      tags: (init.tags ?? []).map(fullTag),
      pushToken: type === 'push' ? (init.pushToken ?? newPushToken()) : null,
      cert: init.cert,
      beats: [],
      extra:
        init.maxretries === undefined ? {} : { maxretries: init.maxretries },
    };
    this.monitors.set(monitor.id, monitor);
    return monitor;
  }

  /** Kuma's tag table id of a tag name, allocated on first use. */
  tagId(name: string): number {
    let id = this.tagIds.get(name);
    if (id === undefined) {
      id = this.tagIds.size + 1;
      this.tagIds.set(name, id);
    }
    return id;
  }

  delete(id: number): boolean {
    return this.monitors.delete(id);
  }

  /**
   * Stores a beat, deriving `important`, `duration` and, unless the draft
   * sets them, `retries`.
   */
  record(
    monitor: SimMonitorState,
    draft: SimHistoryBeat & { retries?: number },
  ): StoredBeat {
    const previous = monitor.beats.at(-1);
    const ping = draft.ping ?? null;
    const beat: StoredBeat = {
      id: this.nextBeatId++,
      monitorId: monitor.id,
      status: draft.status,
      time: draft.time,
      endTime: new Date(draft.time.getTime() + (ping ?? 0)),
      msg: draft.msg ?? defaultMessage({ ...draft, ...targetOf(monitor) }),
      ping,
      important: draft.important ?? isImportant(previous?.status, draft.status),
      duration: draft.duration ?? secondsSince(previous, draft.time),
      retries:
        draft.retries ?? nextRetries(previous?.retries ?? 0, draft.status),
      pushMonitor: monitor.type === 'push',
    };
    monitor.beats.push(beat);
    return beat;
  }
}

/**
 * The monitor's `maxretries` column, whether set at creation or by a
 * client; Kuma compares it as a number and its default is 0.
 */
export function maxRetries(monitor: SimMonitorState): number {
  const value = Number(monitor.extra.maxretries ?? 0);
  return Number.isFinite(value) ? value : 0;
}

function needsHost(type: string): boolean {
  return ['port', 'ping', 'dns', 'push', 'group', 'manual'].includes(type);
}

function targetOf(monitor: SimMonitorState): { type: string; target: string } {
  const target = monitor.url
    ? (URL.parse(monitor.url)?.host ?? monitor.url)
    : `${monitor.hostname ?? '127.0.0.1'}:${monitor.port ?? 80}`;
  return { type: monitor.type, target };
}

// Whole seconds, cut down: Kuma stores dayjs' diff in seconds, which
// drops the fraction.
function secondsSince(previous: StoredBeat | undefined, time: Date): number {
  if (!previous) return 0;
  return Math.trunc((time.getTime() - previous.time.getTime()) / 1000);
}

/** Fills a tag's defaults. */
export function fullTag(tag: SimTag): Required<SimTag> {
  return {
    name: tag.name,
    value: tag.value ?? '',
    color: tag.color ?? DEFAULT_TAG_COLOR,
  };
}

function newPushToken(): string {
  return randomBytes(24).toString('base64url').slice(0, 32);
}
