import type { KumaConnection } from './connection';
import type { AddMonitorInput, DialectProfile } from './dialects';
import { DIALECTS } from './dialects';
import { KumaClientError } from './errors';
import type { KumaConnectionState, KumaHeartbeat } from './model';
import type { MonitorListWaiters } from './monitorListWaiters';
import { normalizeHeartbeat, normalizeHeartbeatRow } from './normalize';
import { request } from './requests';
import type { Session } from './session';
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

/**
 * The context to send `event` in: only a ready client with a session has
 * one; otherwise the error says to await `connect()`.
 */
export function commandContext(opts: {
  event: string;
  session: Session | undefined;
  state: KumaConnectionState;
  timeoutMs: number;
}): CommandContext {
  const { event, session, state } = opts;
  if (!session || state !== 'ready') {
    throw new KumaClientError(
      state === 'closed' ? 'CLOSED' : 'NOT_READY',
      `Cannot send ${event} while the client is ${state}; await connect() first.`,
      { event },
    );
  }
  return {
    conn: session.conn,
    profile: DIALECTS[session.dialect],
    timeoutMs: opts.timeoutMs,
  };
}

/** Asks for the full monitor list and resolves once it has arrived. */
export async function resyncMonitors(
  ctx: CommandContext,
  lists: MonitorListWaiters,
): Promise<void> {
  const arrived = lists.next(ctx);
  await request(ctx.conn, {
    event: 'getMonitorList',
    schema: basicAck,
    timeoutMs: ctx.timeoutMs,
  });
  await arrived;
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
