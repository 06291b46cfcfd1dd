import type { DialectSpec } from './dialects';
import type { SimMonitorState, StoredBeat } from './monitorStore';
import { kumaTime } from './time';

/**
 * The live `heartbeat` payload. `ping` is absent when no time was measured;
 * 2.x sends `duration` only for push monitors and always `retries`; 1.23
 * sends `duration` on every beat and never `retries`.
 */
export function liveBeatJson(opts: {
  spec: DialectSpec;
  monitor: SimMonitorState;
  beat: StoredBeat;
}): Record<string, unknown> {
  const { spec, monitor, beat } = opts;
  const json: Record<string, unknown> = {
    monitorID: beat.monitorId,
    status: beat.status,
    time: kumaTime(beat.time),
    msg: beat.msg,
  };
  if (beat.ping !== null) json.ping = beat.ping;
  json.important = beat.important;

  const v2 = spec.incrementalListUpdates;
  // 2.x push beats carry it only when there is a previous beat to measure.
  const measured = beat.pushMonitor && monitor.beats[0] !== beat;
  if (!v2 || measured) json.duration = beat.duration;
  if (v2) json.retries = beat.retries;
  return json;
}

/**
 * The `duration` column: 1.23 stores every beat's; 2.x sets it only on
 * push monitors' beats, so all others keep the column's default 0.
 */
function storedDuration(spec: DialectSpec, beat: StoredBeat): number {
  const v2 = spec.incrementalListUpdates;
  return !v2 || beat.pushMonitor ? beat.duration : 0;
}

/** A raw `heartbeat` table row, as `heartbeatList` and `getMonitorBeats`. */
export function dbRow(
  spec: DialectSpec,
  beat: StoredBeat,
): Record<string, unknown> {
  const row: Record<string, unknown> = {
    id: beat.id,
    important: beat.important ? 1 : 0,
    monitor_id: beat.monitorId,
    status: beat.status,
    msg: beat.msg,
    time: kumaTime(beat.time),
    ping: beat.ping,
    duration: storedDuration(spec, beat),
    down_count: 0,
  };
  if (!spec.incrementalListUpdates) return row;
  return {
    ...row,
    end_time: kumaTime(beat.endTime),
    retries: beat.retries,
    response: null,
  };
}

/**
 * An important beat in `toJSON` form with `important` as the DB integer:
 * 1.23's `importantHeartbeatList` rows and 2.x's paged history.
 */
export function importantRow(
  spec: DialectSpec,
  beat: StoredBeat,
): Record<string, unknown> {
  const row: Record<string, unknown> = {
    monitorID: beat.monitorId,
    status: beat.status,
    time: kumaTime(beat.time),
    msg: beat.msg,
    ping: beat.ping,
    important: 1,
    duration: storedDuration(spec, beat),
  };
  if (spec.incrementalListUpdates) row.retries = beat.retries;
  return row;
}

/** The last `limit` beats, oldest first (Kuma sends 100 after login). */
export function recentRows(
  spec: DialectSpec,
  opts: { monitor: SimMonitorState; limit: number },
): Record<string, unknown>[] {
  return opts.monitor.beats.slice(-opts.limit).map((b) => dbRow(spec, b));
}

/** Important beats, newest first. */
export function importantBeats(monitor: SimMonitorState): StoredBeat[] {
  return monitor.beats.filter((b) => b.important).reverse();
}
