import type {
  AlertChange,
  AlertHistory,
  AlertNotice,
} from './NotificationPolicy';
import type { StatusStore } from './StatusStore';

/**
 * How many of the newest notifications are read. Each service needs only
 * its newest one or two; one that stayed silent while this many others
 * were announced falls back to being seeded as told its current state.
 */
const NOTIFICATIONS_READ = 200;

/**
 * Reads, per service, what the notification policy is rebuilt from: the
 * newest notifications and the changes within the flap window. Bounded:
 * the change feed only after the window's start, the notifications only
 * the newest `NOTIFICATIONS_READ`.
 */
export async function readAlertHistory(
  store: StatusStore,
  opts: { now: number; flapWindowMs: number },
): Promise<Map<string, AlertHistory>> {
  const windowStart = Math.max(0, opts.now - opts.flapWindowMs);
  const [changes, notifications] = await Promise.all([
    store.readAfter(`${windowStart}-0`),
    store.recentNotifications(NOTIFICATIONS_READ),
  ]);
  const histories = new Map<
    string,
    { notified: AlertNotice[]; changes: AlertChange[] }
  >();
  const of = (service: string) => {
    const history = histories.get(service) ?? { notified: [], changes: [] };
    histories.set(service, history);
    return history;
  };
  for (const { at, service, kind } of notifications) {
    of(service).notified.push({ at: at.getTime(), kind });
  }
  for (const change of changes.items) {
    of(change.service).changes.push({
      at: change.at.getTime(),
      previous: change.previous,
      state: change.status.status,
    });
  }
  return histories;
}
