import type { KumaConnection } from './connection';
import type { AddMonitorInput, DialectProfile } from './dialects';
import { KumaClientError } from './errors';
import type { KumaHeartbeat } from './model';
import { normalizeHeartbeat, normalizeHeartbeatRow } from './normalize';
import { request } from './requests';
import {
  addMonitorAck,
  basicAck,
  importantBeatsAck,
  monitorBeatsAck,
} from './schemas';

/** What a request helper needs: the live connection and its dialect. */
export interface CommandContext {
  conn: KumaConnection;
  profile: DialectProfile;
  timeoutMs: number;
}

/** Raw beats of the last `hours` hours, oldest first. */
export async function getMonitorBeats(
  ctx: CommandContext,
  opts: { monitorId: number; hours: number },
): Promise<KumaHeartbeat[]> {
  const ack = await request(ctx.conn, {
    event: 'getMonitorBeats',
    args: [opts.monitorId, opts.hours],
    schema: monitorBeatsAck,
    timeoutMs: ctx.timeoutMs,
  });
  return (ack.data ?? []).map(normalizeHeartbeatRow);
}

/** 2.x: important beats are requested page by page (newest first). */
export async function getImportantBeatsPaged(
  ctx: CommandContext,
  opts: { monitorId: number; limit: number },
): Promise<KumaHeartbeat[]> {
  const ack = await request(ctx.conn, {
    event: 'monitorImportantHeartbeatListPaged',
    args: [opts.monitorId, 0, opts.limit],
    schema: importantBeatsAck,
    timeoutMs: ctx.timeoutMs,
  });
  return (ack.data ?? []).map(normalizeHeartbeat).reverse();
}

export async function simpleCommand(
  ctx: CommandContext,
  opts: { event: string; args: unknown[] },
): Promise<void> {
  await request(ctx.conn, {
    event: opts.event,
    args: opts.args,
    schema: basicAck,
    timeoutMs: ctx.timeoutMs,
  });
}

/** Creates a monitor with portable defaults; returns its id. */
export async function addMonitor(
  ctx: CommandContext,
  input: AddMonitorInput,
): Promise<number> {
  const ack = await request(ctx.conn, {
    event: 'add',
    args: [ctx.profile.addMonitorPayload(input)],
    schema: addMonitorAck,
    timeoutMs: ctx.timeoutMs,
  });
  if (ack.monitorID === null || ack.monitorID === undefined) {
    throw new KumaClientError(
      'PROTOCOL',
      'Kuma acknowledged add without a monitorID.',
      { event: 'add', reason: 'no monitorID in the ack' },
    );
  }
  return ack.monitorID;
}
