import { hasPing } from './beatRules';
import type { MonitorStore, SimMonitorState } from './monitorStore';
import type { SimMonitorInit } from './types';

/**
 * Stores a new monitor's past beats: the explicit `historyBeats`, or
 * `history` beats one interval apart, the newest one interval before `now`,
 * so that a check at `now` follows on as on a server that kept running.
 */
export function seedHistory(
  store: MonitorStore,
  target: { monitor: SimMonitorState; init: SimMonitorInit; now: Date },
): void {
  const { monitor, init, now } = target;
  if (init.historyBeats) {
    for (const beat of init.historyBeats) store.record(monitor, beat);
    return;
  }

  const count = init.history ?? 10;
  const status = init.status ?? 1;
  const stepMs = monitor.interval * 1000;
  for (let i = count; i >= 1; i--) {
    store.record(monitor, {
      status,
      time: new Date(now.getTime() - i * stepMs),
      ping: hasPing(status) ? jitter(init.ping ?? 20, i) : null,
    });
  }
}

// Deterministic spread so generated pings are not all equal.
function jitter(ping: number, i: number): number {
  return Math.max(0, ping + ((i * 7) % 5) - 2);
}
