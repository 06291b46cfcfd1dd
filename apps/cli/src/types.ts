/** The fields of a service status the table shows (see status-core). */
export interface TableStatus {
  service: string;
  displayName: string;
  status: 'up' | 'down' | 'degraded' | 'maintenance' | 'unknown';
  responseTime?: number;
  /** A fraction from 0 to 1. */
  uptime24h?: number;
  lastCheck?: Date;
  source: 'kuma' | 'probe' | 'cache';
}
