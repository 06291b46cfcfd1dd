import { dbRow, importantBeats, importantRow } from './heartbeatRows';
import { importantPage } from './importantPage';
import { plainError, reply } from './messages';
import { monitorJson } from './monitorJson';
import * as ops from './monitorOps';
import type { SimMonitorState } from './monitorStore';
import { emitBeat, pushMonitorChange, pushMonitorList } from './pushes';
import type { Ack, Registrar } from './requests';
import { numericId } from './requests';
import type { SimContext } from './simContext';
import { addPayloadError, initFromPayload, patchFromPayload } from './payloads';
import type { SimNewMonitor } from './types';

// What Kuma's handlers answer when the id matches no monitor.
const NO_MONITOR = "Cannot read properties of null (reading 'toJSON')";

/** Monitor requests: list, read, beats, pause/resume, add, edit, delete. */
export function registerMonitorHandlers(ctx: SimContext, on: Registrar): void {
  const withMonitor =
    (run: (m: SimMonitorState, args: unknown[], ack: Ack) => void) =>
    (args: unknown[], ack: Ack | undefined): void => {
      if (!ack) return;
      const monitor = ctx.store.find(numericId(args[0]));
      if (!monitor) return ack(plainError(NO_MONITOR));
      run(monitor, args, ack);
    };

  on.authed('getMonitorList', (_args, ack) => {
    pushMonitorList(ctx);
    ack?.({ ok: true });
  });
  on.authed(
    'getMonitor',
    withMonitor((monitor, _args, ack) => {
      const underMaintenance = ctx.maintenance.isUnderMaintenance(monitor.id);
      const json = monitorJson({
        ...ctx,
        monitor,
        underMaintenance,
        forGetMonitor: true,
      });
      ack({ ok: true, monitor: json });
    }),
  );
  on.authed(
    'getMonitorBeats',
    withMonitor((monitor, args, ack) => {
      const hours = args[1];
      if (typeof hours !== 'number')
        return ack(plainError('period is required'));
      const from = Date.now() - hours * 3600 * 1000;
      const beats = monitor.beats.filter((b) => b.time.getTime() >= from);
      ack({ ok: true, data: beats.map((b) => dbRow(ctx.spec, b)) });
    }),
  );
  registerStateChanges(ctx, { on, withMonitor });
  if (!ctx.spec.pushesImportantList) registerImportantPaging(ctx, on);
}

function registerStateChanges(
  ctx: SimContext,
  opts: {
    on: Registrar;
    withMonitor: (
      run: (m: SimMonitorState, args: unknown[], ack: Ack) => void,
    ) => (args: unknown[], ack: Ack | undefined) => void;
  },
): void {
  const { on, withMonitor } = opts;
  const ok = (key: Parameters<typeof reply>[1]['key'], extra = {}) =>
    reply(ctx.spec, { ok: true, key, extra });

  on.authed(
    'pauseMonitor',
    withMonitor((monitor, _args, ack) => {
      ops.pauseMonitor(ctx, monitor);
      ack(ok('successPaused'));
    }),
  );
  on.authed(
    'resumeMonitor',
    withMonitor((monitor, _args, ack) => {
      ops.resumeMonitor(ctx, monitor);
      ack(ok('successResumed'));
    }),
  );
  on.authed(
    'deleteMonitor',
    withMonitor((monitor, args, ack) => {
      // Kuma unlinks the children, answers, then announces the removal.
      ops.unlinkChildren(ctx, monitor);
      ack(ok('successDeleted'));
      ops.deleteMonitor(ctx, { monitor, sentId: args[0] });
    }),
  );
  on.authed('editMonitor', (args, ack) => {
    const payload = asObject(args[0]);
    const monitor = ctx.store.find(numericId(payload.id));
    if (!monitor) return ack?.(plainError(NO_MONITOR));
    const { patch, extra } = patchFromPayload(ctx.spec, payload);
    Object.assign(monitor.extra, extra);
    ops.editMonitor(ctx, { monitor, patch });
    ack?.(ok('Saved.', { monitorID: monitor.id }));
  });
  on.authed('add', (args, ack) => {
    const payload = asObject(args[0]);
    const error = addPayloadError(ctx.spec, payload);
    if (error) return ack?.(plainError(error));
    const { init, extra } = initFromPayload(ctx.spec, payload);
    const monitor = ops.createMonitor(ctx, init);
    Object.assign(monitor.extra, extra);
    pushMonitorChange(ctx, monitor);
    ack?.(ok('successAdded', { monitorID: monitor.id }));
    // Kuma starts the monitor after answering: its first beat follows.
    if (!monitor.active) return;
    const input = ctx.firstCheck(newMonitorView(monitor));
    if (input) emitBeat(ctx, { monitor, input });
  });
}

function registerImportantPaging(ctx: SimContext, on: Registrar): void {
  const beatsOf = (id: unknown) => {
    const monitors =
      id === null || id === undefined
        ? ctx.store.all()
        : [ctx.store.find(numericId(id))].filter((m) => m !== undefined);
    return monitors
      .flatMap((m) => importantBeats(m))
      .sort((a, b) => b.time.getTime() - a.time.getTime());
  };
  on.authed('monitorImportantHeartbeatListCount', ([id], ack) => {
    ack?.({ ok: true, count: beatsOf(id).length });
  });
  on.authed('monitorImportantHeartbeatListPaged', (args, ack) => {
    // Kuma's handler is (monitorID, offset, count, callback): with any
    // other number of arguments its callback is not the ack, and nothing
    // answers.
    if (args.length !== 3) return;
    const [id, offset, count] = args;
    const page = importantPage(beatsOf(id), { offset, count });
    if ('error' in page) return ack?.(plainError(page.error));
    const data = page.beats.map((b) => importantRow(ctx.spec, b));
    ack?.({ ok: true, data });
  });
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object'
    ? (value as Record<string, unknown>)
    : {};
}

function newMonitorView(monitor: SimMonitorState): SimNewMonitor {
  const { id, name, type, url, hostname, port } = monitor;
  return { id, name, type, url, hostname, port };
}
