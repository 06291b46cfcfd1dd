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

/**
 * Rows asked for per `monitorImportantHeartbeatListPaged` request. Kuma
 * puts `offset` and `count` into its query's OFFSET and LIMIT as they come,
 * with no cap and no check (server/server.js @2.0.0 to @2.5.3, @3.0.X), so
 * one request could ask for everything; pages keep each answer small.
 */
export const IMPORTANT_PAGE_SIZE = 100;

/**
 * 2.x and 3.0: the newest `limit` important beats, oldest first. Kuma
 * answers newest first, a page at a time; a short page is the end.
 */
export async function getImportantBeatsPaged(
  ctx: CommandContext,
  opts: { monitorId: number; limit: number },
): Promise<KumaHeartbeat[]> {
  // Kuma's SQLite refuses a LIMIT that is not a whole number.
  const limit = Math.floor(opts.limit);
  const newestFirst: KumaHeartbeat[] = [];
  let offset = 0;
  while (newestFirst.length < limit) {
    const count = Math.min(IMPORTANT_PAGE_SIZE, limit - newestFirst.length);
    const page = await importantPage(ctx, { ...opts, offset, count });
    offset += page.length;
    const older = olderThan(page, newestFirst.at(-1));
    newestFirst.push(...older);
    // A full page with nothing older comes from a server that ignores the
    // offset: asking again would only repeat it, without end.
    if (page.length < count || older.length === 0) break;
  }
  return newestFirst.reverse();
}

async function importantPage(
  ctx: CommandContext,
  opts: { monitorId: number; offset: number; count: number },
): Promise<KumaHeartbeat[]> {
  const ack = await request(ctx.conn, {
    event: 'monitorImportantHeartbeatListPaged',
    args: [opts.monitorId, opts.offset, opts.count],
    schema: importantBeatsAck,
    timeoutMs: ctx.timeoutMs,
  });
  // Kuma's LIMIT bounds a page; rows past `count` were not asked for.
  return (ack.data ?? []).slice(0, opts.count).map(normalizeHeartbeat);
}

// A beat that turns important between two requests shifts every row by
// one, so the next page repeats the last row of the one before.
function olderThan(
  page: readonly KumaHeartbeat[],
  last: KumaHeartbeat | undefined,
): KumaHeartbeat[] {
  if (!last) return [...page];
  return page.filter((b) => b.time.getTime() < last.time.getTime());
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
