import { compareChangeIds } from './changeId';
import type { NotificationKind, ServiceState } from './types';

type AlertState = 'up' | 'down' | 'degraded' | 'maintenance';

interface ServiceAlerts {
  /** The last state people were told about. */
  told: AlertState;
  current: ServiceState;
  transitions: number[];
  flapping: boolean;
  /** Id of the newest change seen, which `settle` announces the state of. */
  lastChange?: string;
}

/**
 * When something happened: at a time and, when known, through which
 * change. Change ids order changes within one millisecond too, and a
 * notice comes right after the change it announced.
 */
interface Moment {
  /** Epoch milliseconds. */
  at: number;
  changeId?: string;
}

/** One change of a service, as the shared change feed recorded it. */
export interface AlertChange {
  /** Epoch milliseconds. */
  at: number;
  /** The change's own id. */
  changeId?: string;
  previous: ServiceState | null;
  state: ServiceState;
}

/** One notification of a service, as the shared feed recorded it. */
export interface AlertNotice {
  /** Epoch milliseconds. */
  at: number;
  /** The change it announced, if recorded (see `StatusNotification`). */
  changeId?: string;
  kind: NotificationKind;
}

/**
 * What the shared history says about one service: its newest notifications
 * (newest first) and its changes within the flap window (oldest first).
 * See `readAlertHistory`.
 */
export interface AlertHistory {
  notified: readonly AlertNotice[];
  changes: readonly AlertChange[];
}

/** A state people were told, or took as known, and when. */
interface Told extends Moment {
  state: AlertState;
}

/** An announcement `settle` calls for. */
export interface SettledAlert {
  service: string;
  kind: NotificationKind;
  /** The change whose state it announces, when known. */
  changeId?: string;
}

export interface NotificationPolicyOptions {
  flapWindowMs: number;
  /** More transitions than this within the window is flapping. */
  flapThreshold: number;
}

/**
 * Decides which state transitions people hear about. The first state seen
 * for a service is taken as known (no notification), `unknown` is never
 * announced, and a service that flips more than `flapThreshold` times within
 * `flapWindowMs` yields one `flapping` notification, then silence until it
 * has been quiet for a whole window, when its settled state is announced if
 * it differs from the last one told.
 */
export class NotificationPolicy {
  private readonly services = new Map<string, ServiceAlerts>();

  constructor(private readonly opts: NotificationPolicyOptions) {}

  /** Records a known state without announcing it (start, takeover). */
  seed(service: string, state: ServiceState): void {
    this.services.set(service, {
      told: state === 'unknown' ? 'up' : state,
      current: state,
      transitions: [],
      flapping: false,
    });
  }

  /**
   * Rebuilds a service's alerts from the shared history, so that a new
   * leader neither repeats what the previous one told during a flap nor
   * drops what it had yet to tell: a state nobody was told about is owed,
   * and `settle` announces it. Only a change in the window newer than what
   * people last heard (see `lastTold`) makes a state owed; otherwise the
   * current state is taken as told, as `seed` does, because the history
   * cannot show what happened since: a leader that saw the service for
   * the first time took its state as known without telling anyone, and
   * that may be long out of the window. With no history this is `seed`.
   */
  restore(opts: {
    service: string;
    state: ServiceState;
    now: number;
    history: AlertHistory;
  }): void {
    const { notified } = opts.history;
    const windowStart = opts.now - this.opts.flapWindowMs;
    const changes = opts.history.changes.filter(
      (change) => change.at > windowStart,
    );
    if (notified.length === 0 && changes.length === 0) {
      this.seed(opts.service, opts.state);
      return;
    }
    const told = lastTold({ notified, changes, windowStart });
    const owes =
      told !== null && changes.some((change) => isAfter(change, told));
    const newest = notified[0];
    this.services.set(opts.service, {
      told: owes ? told.state : toAlertState(opts.state, told?.state ?? 'up'),
      current: opts.state,
      transitions: transitionTimes(changes, told),
      // A flap that settled on the state last told leaves `flapping` the
      // newest; with no transitions in the window, `settle` closes it.
      flapping:
        newest?.kind === 'flapping' && (told === null || isAfter(newest, told)),
      lastChange: changes.at(-1)?.changeId,
    });
  }

  /** The notification `state` calls for, or null. */
  observe(opts: {
    service: string;
    state: ServiceState;
    at: number;
    /** The id of the change to `state`. */
    changeId?: string;
  }): NotificationKind | null {
    const alerts = this.services.get(opts.service);
    if (alerts === undefined) {
      this.seed(opts.service, opts.state);
      return null;
    }
    alerts.current = opts.state;
    alerts.lastChange = opts.changeId;
    const kind = kindFor(alerts.told, opts.state);
    if (kind === null) return null;

    alerts.transitions = alerts.transitions.filter(
      (time) => opts.at - time < this.opts.flapWindowMs,
    );
    alerts.transitions.push(opts.at);
    if (alerts.flapping) return null;
    if (alerts.transitions.length > this.opts.flapThreshold) {
      alerts.flapping = true;
      return 'flapping';
    }
    alerts.told = toAlertState(opts.state, alerts.told);
    return kind;
  }

  /**
   * Services whose flapping ended by `now`, and restored ones owed an
   * announcement, with what to announce. Otherwise a service that is not
   * flapping has always been told its state, and nothing is announced.
   */
  settle(now: number): SettledAlert[] {
    const settled: SettledAlert[] = [];
    for (const [service, alerts] of this.services) {
      if (alerts.flapping) {
        const last = alerts.transitions.at(-1) ?? 0;
        if (now - last < this.opts.flapWindowMs) continue;
        alerts.flapping = false;
        alerts.transitions = [];
      }
      const kind = kindFor(alerts.told, alerts.current);
      alerts.told = toAlertState(alerts.current, alerts.told);
      if (kind === null) continue;
      settled.push({ service, kind, changeId: alerts.lastChange });
    }
    return settled;
  }

  isFlapping(service: string): boolean {
    return this.services.get(service)?.flapping ?? false;
  }
}

function kindFor(
  told: AlertState,
  state: ServiceState,
): NotificationKind | null {
  if (state === 'unknown' || state === told) return null;
  return state === 'up' ? 'recovered' : state;
}

function toAlertState(state: ServiceState, told: AlertState): AlertState {
  return state === 'unknown' ? told : state;
}

const TOLD_BY: Partial<Record<NotificationKind, AlertState>> = {
  down: 'down',
  recovered: 'up',
  degraded: 'degraded',
  maintenance: 'maintenance',
};

/**
 * What people last heard about a service, as far as the window shows:
 * - a first sight newer than every telling notification: the leader that
 *   saw the service took that state as known, and told nobody;
 * - else the newest telling notification, when it is in the window or a
 *   flap muted everything after it;
 * - else the state just before the window: whatever came between that
 *   notification and the window was told or taken as known, as nothing
 *   muted it, so the window's first change starts from a state people had.
 * Null when none of these is known.
 */
function lastTold(history: {
  notified: readonly AlertNotice[];
  changes: readonly AlertChange[];
  windowStart: number;
}): Told | null {
  const { notified, changes, windowStart } = history;
  const notice = newestTelling(notified);
  const seen = changes.findLast((change) => change.previous === null);
  if (seen !== undefined && (notice === null || isAfter(seen, notice))) {
    const { at, changeId } = seen;
    return { at, changeId, state: toAlertState(seen.state, 'up') };
  }
  const muted = notified[0]?.kind === 'flapping';
  if (notice !== null && (notice.at > windowStart || muted)) return notice;
  const before = known(changes[0]?.previous ?? null);
  return before === null ? notice : { at: windowStart, state: before };
}

/** The newest notification that told a state, if any. */
function newestTelling(notified: readonly AlertNotice[]): Told | null {
  for (const { at, changeId, kind } of notified) {
    const state = TOLD_BY[kind];
    if (state !== undefined) return { at, changeId, state };
  }
  return null;
}

/**
 * Whether `a` happened after `b`: by change ids when both have one, else
 * by time, which cannot order what happened within one millisecond.
 */
function isAfter(a: Moment, b: Moment): boolean {
  if (a.changeId === undefined || b.changeId === undefined) return a.at > b.at;
  return compareChangeIds(a.changeId, b.changeId) > 0;
}

function known(state: ServiceState | null): AlertState | null {
  return state === null || state === 'unknown' ? null : state;
}

/**
 * The transitions flapping is judged by, counted as `observe` counts them:
 * moves to a known state other than the one last told, so a spell of
 * `unknown` is none. Up to what people last heard every such move was
 * told, so each is judged against the state before it; after that nothing
 * was told (a flap muted it, or the leader stopped first), so each is
 * judged against what they heard, and a move back to it is none. A first
 * sight starts afresh, as `seed` does.
 */
function transitionTimes(
  changes: readonly AlertChange[],
  told: Told | null,
): number[] {
  let times: number[] = [];
  let last = known(changes[0]?.previous ?? null);
  for (const change of changes) {
    if (change.previous === null) {
      times = [];
      last = toAlertState(change.state, 'up');
      continue;
    }
    const state = known(change.state);
    if (state === null) continue;
    const against = told !== null && isAfter(change, told) ? told.state : last;
    if (against !== null && state !== against) times.push(change.at);
    last = state;
  }
  return times;
}
