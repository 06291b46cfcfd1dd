/**
 * The shapes the dashboard displays. They mirror status-core's public types
 * so the UI compiles on its own; the adapter maps the server's answers here.
 */
export type ServiceState =
  'up' | 'down' | 'degraded' | 'maintenance' | 'unknown';

export type StatusOrigin = 'kuma' | 'probe' | 'cache';

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
}

export interface StatusChange {
  id: string;
  at: Date;
  service: string;
  previous: ServiceState | null;
  status: ServiceStatus;
}

export type NotificationKind =
  'down' | 'recovered' | 'degraded' | 'maintenance' | 'flapping';

export interface StatusNotification {
  id: string;
  at: Date;
  kind: NotificationKind;
  service: string;
  displayName: string;
  /** The service and what happened, e.g. `Plex is down`. */
  title: string;
  /** The reason alone, e.g. `Connection refused`; may be empty. */
  message: string;
}

/** Where the server's statuses come from right now. */
export type EngineMode = 'starting' | 'kuma' | 'probe';
