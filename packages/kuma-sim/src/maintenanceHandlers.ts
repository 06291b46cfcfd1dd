import { plainError, reply } from './messages';
import { pushMaintenanceList } from './pushes';
import type { Registrar } from './requests';
import { numericId } from './requests';
import type { SimContext } from './simContext';

const NO_MAINTENANCE = "Cannot read properties of null (reading 'id')";

/** Manual maintenances: the requests the Kuma UI sends to produce status 3. */
export function registerMaintenanceHandlers(
  ctx: SimContext,
  on: Registrar,
): void {
  const { maintenance, spec } = ctx;
  const done = (key: 'successAdded' | 'successPaused' | 'successDeleted') =>
    reply(spec, { ok: true, key });

  on.authed('getMaintenanceList', (_args, ack) => {
    pushMaintenanceList(ctx);
    ack?.({ ok: true });
  });
  on.authed('addMaintenance', ([data], ack) => {
    const fields = (data ?? {}) as { title?: unknown; description?: unknown };
    const item = maintenance.add({
      title: typeof fields.title === 'string' ? fields.title : '',
      description:
        typeof fields.description === 'string' ? fields.description : '',
    });
    pushMaintenanceList(ctx);
    ack?.(
      reply(spec, {
        ok: true,
        key: 'successAdded',
        extra: { maintenanceID: item.id },
      }),
    );
  });
  on.authed('addMonitorMaintenance', ([id, monitors], ack) => {
    const item = maintenance.find(numericId(id));
    if (!item) return ack?.(plainError(NO_MAINTENANCE));
    item.monitorIds.clear();
    for (const m of (monitors ?? []) as { id?: unknown }[]) {
      item.monitorIds.add(numericId(m.id));
    }
    ack?.(done('successAdded'));
  });
  on.authed('addMaintenanceStatusPage', (_args, ack) => {
    ack?.(done('successAdded'));
  });
  on.authed('getMonitorMaintenance', ([id], ack) => {
    const item = maintenance.find(numericId(id));
    const monitors = [...(item?.monitorIds ?? [])].map((m) => ({ id: m }));
    ack?.({ ok: true, monitors });
  });
  on.authed('pauseMaintenance', ([id], ack) => {
    const item = maintenance.find(numericId(id));
    if (!item) return ack?.(plainError(NO_MAINTENANCE));
    item.active = false;
    ack?.(done('successPaused'));
    pushMaintenanceList(ctx);
  });
  on.authed('resumeMaintenance', ([id], ack) => {
    const item = maintenance.find(numericId(id));
    if (!item) return ack?.(plainError(NO_MAINTENANCE));
    item.active = true;
    ack?.(reply(spec, { ok: true, key: 'successResumed' }));
    pushMaintenanceList(ctx);
  });
  on.authed('deleteMaintenance', ([id], ack) => {
    maintenance.delete(numericId(id));
    ack?.(done('successDeleted'));
    pushMaintenanceList(ctx);
  });
}
