import type { z } from 'zod';
import { KumaClientError } from './errors';
import type {
  CertInfo,
  KumaHeartbeat,
  KumaMonitor,
  UptimeWindow,
} from './model';
import {
  normalizeCertInfo,
  normalizeHeartbeat,
  normalizeHeartbeatRow,
  normalizeMonitorMap,
  normalizeUptimeWindow,
} from './normalize';
import {
  avgPingArgs,
  certInfoArgs,
  deleteMonitorArgs,
  heartbeatListArgs,
  importantHeartbeatListArgs,
  uptimeArgs,
  wireCertInfo,
  wireHeartbeat,
  wireInfo,
  wireMonitorMap,
} from './schemas';

/*
 * One decoder per inbound wire event: the event's argument list in, model
 * values out. A payload that does not fit throws a PROTOCOL error naming the
 * event and the first problem; the caller reports it and drops the payload.
 */

export function parseOrThrow<TSchema extends z.ZodType>(opts: {
  schema: TSchema;
  value: unknown;
  event: string;
}): z.output<TSchema> {
  const result = opts.schema.safeParse(opts.value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  const reason = `${issue?.message ?? 'invalid payload'}${where}`;
  throw new KumaClientError(
    'PROTOCOL',
    `Kuma sent a malformed ${opts.event}: ${reason}`,
    { event: opts.event, reason, cause: result.error },
  );
}

export function decodeMonitorList(args: unknown[]): KumaMonitor[] {
  const event = 'monitorList';
  const map = parseOrThrow({ schema: wireMonitorMap, value: args[0], event });
  return normalizeMonitorMap(map);
}

export function decodeMonitorUpdate(args: unknown[]): KumaMonitor[] {
  const event = 'updateMonitorIntoList';
  const map = parseOrThrow({ schema: wireMonitorMap, value: args[0], event });
  return normalizeMonitorMap(map);
}

export function decodeMonitorDelete(args: unknown[]): number {
  const event = 'deleteMonitorFromList';
  return parseOrThrow({ schema: deleteMonitorArgs, value: args, event })[0];
}

export function decodeHeartbeat(args: unknown[]): KumaHeartbeat {
  const event = 'heartbeat';
  const wire = parseOrThrow({ schema: wireHeartbeat, value: args[0], event });
  return normalizeHeartbeat(wire);
}

export interface DecodedBeatList {
  monitorId: number;
  beats: KumaHeartbeat[];
  overwrite: boolean;
}

export function decodeHeartbeatList(args: unknown[]): DecodedBeatList {
  const event = 'heartbeatList';
  const [monitorId, rows, overwrite] = parseOrThrow({
    schema: heartbeatListArgs,
    value: args,
    event,
  });
  const beats = rows.map(normalizeHeartbeatRow);
  return { monitorId, beats, overwrite: overwrite === true };
}

export function decodeImportantList(args: unknown[]): DecodedBeatList {
  const event = 'importantHeartbeatList';
  const [monitorId, rows, overwrite] = parseOrThrow({
    schema: importantHeartbeatListArgs,
    value: args,
    event,
  });
  const beats = rows.map(normalizeHeartbeat);
  return { monitorId, beats, overwrite: overwrite === true };
}

export function decodeAvgPing(args: unknown[]) {
  const event = 'avgPing';
  const [monitorId, avgPing] = parseOrThrow({
    schema: avgPingArgs,
    value: args,
    event,
  });
  return { monitorId, avgPing };
}

export interface DecodedUptime {
  monitorId: number;
  /** Undefined for a period this client does not know (ignored). */
  window: UptimeWindow | undefined;
  value: number;
}

export function decodeUptime(args: unknown[]): DecodedUptime {
  const event = 'uptime';
  const [monitorId, period, value] = parseOrThrow({
    schema: uptimeArgs,
    value: args,
    event,
  });
  return { monitorId, window: normalizeUptimeWindow(period), value };
}

export function decodeCertInfo(args: unknown[]): {
  monitorId: number;
  cert: CertInfo;
} {
  const event = 'certInfo';
  const [monitorId, json] = parseOrThrow({
    schema: certInfoArgs,
    value: args,
    event,
  });
  const parsed = parseJson(json, event);
  const wire = parseOrThrow({ schema: wireCertInfo, value: parsed, event });
  return { monitorId, cert: normalizeCertInfo(wire) };
}

function parseJson(text: string, event: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const reason = 'the second argument is not valid JSON';
    throw new KumaClientError('PROTOCOL', `Kuma sent a malformed ${event}`, {
      event,
      reason,
      cause,
    });
  }
}

export function decodeInfo(args: unknown[]): { version: string | null } {
  const info = parseOrThrow({
    schema: wireInfo,
    value: args[0],
    event: 'info',
  });
  return { version: info.version ?? null };
}
