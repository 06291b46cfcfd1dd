/**
 * The normalised model of what Uptime Kuma reports. Every dialect (1.23, 2.x,
 * 3.0) is converted into these shapes: numeric ids, `Date` times in UTC,
 * parsed certificate info.
 */

/** Kuma's beat status: 0 down, 1 up, 2 pending (retrying), 3 maintenance. */
export type BeatStatus = 0 | 1 | 2 | 3;

export const BEAT_STATUS = {
  DOWN: 0,
  UP: 1,
  PENDING: 2,
  MAINTENANCE: 3,
} as const satisfies Record<string, BeatStatus>;

/** Which protocol the server speaks. */
export type KumaDialect = '1.23' | '2.x' | '3.0';

/** Connection state of a `KumaClient`. */
export type KumaConnectionState =
  | 'idle'
  | 'connecting'
  | 'authenticating'
  | 'syncing'
  | 'ready'
  | 'reconnecting'
  | 'closed';

export interface KumaTag {
  tagId: number;
  name: string;
  value: string;
  color: string;
}

/** A monitor as the client keeps it: the fields a status view needs. */
export interface KumaMonitor {
  id: number;
  name: string;
  description: string | null;
  type: string;
  /** False when paused, or inside a paused group. */
  active: boolean;
  url: string | null;
  hostname: string | null;
  port: number | null;
  /** Check interval in seconds. */
  interval: number;
  retryInterval: number;
  maxretries: number;
  parent: number | null;
  pathName: string;
  tags: KumaTag[];
  /** Kuma's own flag; it goes stale, so status 3 beats are authoritative. */
  maintenance: boolean;
}

/** One heartbeat, live or from a history list. */
export interface KumaHeartbeat {
  monitorId: number;
  status: BeatStatus;
  time: Date;
  msg: string;
  /** Milliseconds; null when Kuma measured none. */
  ping: number | null;
  important: boolean;
  /** Seconds since the previous beat, where Kuma sends it. */
  duration?: number;
  /** Consecutive failures (2.x and later). */
  retries?: number;
}

export interface CertInfo {
  valid: boolean;
  daysRemaining: number | null;
  validTo: Date | null;
  issuer: string | null;
  certType: string | null;
  /** 2.x and later, HTTP monitors only. */
  hostnameMatch?: boolean;
}

/** The uptime windows Kuma reports: 24 h, 30 d and (2.x and later) 1 y. */
export type UptimeWindow = '24h' | '30d' | '1y';

/** Per-monitor statistics, as pushed after each beat. */
export interface MonitorStats {
  /** Average ping over 24 h in ms, or null when there is none. */
  avgPing: number | null;
  /** Fractions from 0 to 1. */
  uptime: Partial<Record<UptimeWindow, number>>;
  cert?: CertInfo;
}

/** Payload of the `state` event. */
export interface StateChange {
  from: KumaConnectionState;
  to: KumaConnectionState;
}
