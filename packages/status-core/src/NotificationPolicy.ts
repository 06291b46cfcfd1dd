import type { NotificationKind, ServiceState } from './types';

type AlertState = 'up' | 'down' | 'degraded' | 'maintenance';

interface ServiceAlerts {
  /** The last state people were told about. */
  told: AlertState;
  current: ServiceState;
  transitions: number[];
  flapping: boolean;
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

  /** The notification `state` calls for, or null. */
  observe(opts: {
    service: string;
    state: ServiceState;
    at: number;
  }): NotificationKind | null {
    const alerts = this.services.get(opts.service);
    if (alerts === undefined) {
      this.seed(opts.service, opts.state);
      return null;
    }
    alerts.current = opts.state;
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

  /** Services whose flapping ended by `now`, with what to announce. */
  settle(now: number): { service: string; kind: NotificationKind }[] {
    const settled: { service: string; kind: NotificationKind }[] = [];
    for (const [service, alerts] of this.services) {
      const last = alerts.transitions.at(-1) ?? 0;
      if (!alerts.flapping || now - last < this.opts.flapWindowMs) continue;
      alerts.flapping = false;
      alerts.transitions = [];
      const kind = kindFor(alerts.told, alerts.current);
      alerts.told = toAlertState(alerts.current, alerts.told);
      if (kind !== null) settled.push({ service, kind });
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
