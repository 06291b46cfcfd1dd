import type { DialectSpec } from './dialects';
import { cloneJson, templatesFor } from './templates';

/** A manual maintenance window. */
export interface SimMaintenance {
  id: number;
  title: string;
  description: string;
  active: boolean;
  monitorIds: Set<number>;
}

const SIM_TITLE = 'kuma-sim maintenance';

/** Maintenances (all "manual" strategy) and the monitors they cover. */
export class MaintenanceStore {
  private readonly items = new Map<number, SimMaintenance>();
  private nextId = 1;

  add(opts: { title: string; description?: string; active?: boolean }) {
    const item: SimMaintenance = {
      id: this.nextId++,
      title: opts.title,
      description: opts.description ?? '',
      active: opts.active ?? true,
      monitorIds: new Set(),
    };
    this.items.set(item.id, item);
    return item;
  }

  find(id: number): SimMaintenance | undefined {
    return this.items.get(id);
  }

  delete(id: number): boolean {
    return this.items.delete(id);
  }

  isUnderMaintenance(monitorId: number): boolean {
    for (const item of this.items.values()) {
      if (item.active && item.monitorIds.has(monitorId)) return true;
    }
    return false;
  }

  /** Puts a monitor in or out of the simulator's own maintenance. */
  setForMonitor(monitorId: number, on: boolean): void {
    let item = [...this.items.values()].find((i) => i.title === SIM_TITLE);
    if (on) {
      item ??= this.add({ title: SIM_TITLE });
      item.monitorIds.add(monitorId);
      return;
    }
    item?.monitorIds.delete(monitorId);
    if (item?.monitorIds.size === 0) this.items.delete(item.id);
  }

  forgetMonitor(monitorId: number): void {
    for (const item of this.items.values()) item.monitorIds.delete(monitorId);
  }

  /** `maintenanceList` payload: `{ "<id>": maintenance }`. */
  listJson(spec: DialectSpec): Record<string, Record<string, unknown>> {
    const list: Record<string, Record<string, unknown>> = {};
    for (const item of this.items.values()) {
      const json = cloneJson(templatesFor(spec).maintenance);
      Object.assign(json, {
        id: item.id,
        title: item.title,
        description: item.description,
        active: item.active,
        status: item.active ? 'under-maintenance' : 'inactive',
      });
      list[String(item.id)] = json;
    }
    return list;
  }
}
