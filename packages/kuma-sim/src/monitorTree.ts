import type { MonitorStore, SimMonitorState } from './monitorStore';

/**
 * The groups a monitor sits in, nearest first. A parent that no longer
 * exists, or a loop, ends the chain (Kuma's own walk would not end).
 */
export function ancestorsOf(
  store: MonitorStore,
  monitor: SimMonitorState,
): SimMonitorState[] {
  const chain: SimMonitorState[] = [];
  const seen = new Set([monitor.id]);
  let parent = monitor.parent === null ? undefined : store.find(monitor.parent);
  while (parent && !seen.has(parent.id)) {
    chain.push(parent);
    seen.add(parent.id);
    parent = parent.parent === null ? undefined : store.find(parent.parent);
  }
  return chain;
}

/** Every descendant's id, each child followed by its own: `childrenIDs`. */
export function descendantIds(
  store: MonitorStore,
  id: number,
  seen = new Set([id]),
): number[] {
  const ids: number[] = [];
  for (const child of childrenOf(store, id)) {
    if (seen.has(child.id)) continue;
    seen.add(child.id);
    ids.push(child.id, ...descendantIds(store, child.id, seen));
  }
  return ids;
}

/** The monitors whose parent is `id`, in id order as Kuma's query has them. */
export function childrenOf(store: MonitorStore, id: number): SimMonitorState[] {
  return store.all().filter((m) => m.parent === id);
}
