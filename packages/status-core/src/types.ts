/** What a person sees about a service. */
export type ServiceState =
  'up' | 'down' | 'degraded' | 'maintenance' | 'unknown';

/** Where a status came from. */
export type StatusOrigin = 'kuma' | 'probe' | 'cache';

/** One monitor's contribution to a service. */
export interface MonitorStatus {
  monitorId: number;
  name: string;
  status: ServiceState;
  responseTime?: number;
  lastCheck?: Date;
  message?: string;
}

/** The derived status of one configured service. */
export interface ServiceStatus {
  service: string;
  displayName: string;
  status: ServiceState;
  responseTime?: number;
  /** Fractions from 0 to 1. */
  uptime24h?: number;
  uptime30d?: number;
  uptime1y?: number;
  certDaysRemaining?: number;
  lastCheck?: Date;
  message?: string;
  source: StatusOrigin;
  monitors: MonitorStatus[];
}

/** One entry of the change feed. Ids increase monotonically. */
export interface StatusChange {
  id: string;
  at: Date;
  service: string;
  previous: ServiceState | null;
  status: ServiceStatus;
}

export type NotificationKind =
  'down' | 'recovered' | 'degraded' | 'maintenance' | 'flapping';

/**
 * A transition worth telling people about. Show `title` as the headline and
 * `message`, when not empty, under it; neither needs the other to read well.
 */
export interface StatusNotification {
  id: string;
  at: Date;
  kind: NotificationKind;
  service: string;
  displayName: string;
  /** The service and what happened, e.g. `Plex is down`. */
  title: string;
  /**
   * Why, in the monitor's words (e.g. `Connection refused`), without the
   * service name; empty when the source gave no reason.
   */
  message: string;
  /**
   * The id of the change whose state this announces (for `flapping`, of
   * the change that tipped it). Absent when unknown, as on notifications
   * stored before the field existed.
   */
  changeId?: string;
}
