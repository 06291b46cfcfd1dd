import type {
  AlertChange,
  AlertHistory,
  AlertNotice,
} from './NotificationPolicy';
import type { StatusStore } from './StatusStore';
import type { StatusChange } from './types';

/**
 * How many of the newest notifications are read. Each service needs only
 * its newest one or two; one that stayed silent while this many others
 * were announced falls back to being seeded as told its current state.
 */
const NOTIFICATIONS_READ = 200;

/** Changes read per page, newest first, until the window's start. */
const CHANGES_PAGE = 100;

/**
 * Reads, per service, what the notification policy is rebuilt from: the
 * newest notifications and the changes within the flap window. Bounded:
 * the change feed only back to the window's start, the notifications only
 * the newest `NOTIFICATIONS_READ`.
 */
export async function readAlertHistory(
  store: StatusStore,
  opts: { now: number; flapWindowMs: number },
): Promise<Map<string, AlertHistory>> {
  const [changes, notifications] = await Promise.all([
    changesSince(store, opts.now - opts.flapWindowMs),
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
  for (const { at, service, kind, changeId } of notifications) {
    of(service).notified.push({ at: at.getTime(), changeId, kind });
  }
  for (const change of changes) {
    of(change.service).changes.push({
      at: change.at.getTime(),
      changeId: change.id,
      previous: change.previous,
      state: change.status.status,
    });
  }
  return histories;
}

/**
 * The changes after `windowStart`, oldest first. They are read newest
 * first and judged by `at`, from the leaders' clocks the window is
 * measured by, not by id: ids come from Redis's own clock, so reading
 * after an id built from `windowStart` would miss the window's start, or
 * all of it, while Redis's clock runs behind. The read stops at the first
 * change older than the window, so an earlier one that a leader with a
 * clock ahead stamped later is left out: the window is only as exact as
 * the leaders' clocks agree.
 */
async function changesSince(
  store: StatusStore,
  windowStart: number,
): Promise<StatusChange[]> {
  const changes: StatusChange[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.history({
      limit: CHANGES_PAGE,
      ...(cursor === null ? {} : { cursor }),
    });
    for (const change of page.items) {
      if (change.at.getTime() <= windowStart) return changes.reverse();
      changes.push(change);
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return changes.reverse();
}
