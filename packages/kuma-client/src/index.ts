export { KumaClient } from './kumaClient';
export type { KumaClientOptions, KumaTimeouts } from './options';
export type { KumaClientEvents } from './events';
export type { AddMonitorInput, SupportedDialect } from './dialects';
export { KUMA_ERROR_CODES, KumaClientError } from './errors';
export type { KumaClientErrorOptions, KumaErrorCode } from './errors';
export { exponentialBackoff } from './retry';
export type { ExponentialBackoffOptions, RetryPolicy } from './retry';
export { BEAT_STATUS } from './model';
export type {
  BeatStatus,
  CertInfo,
  KumaConnectionState,
  KumaDialect,
  KumaHeartbeat,
  KumaMonitor,
  KumaTag,
  MonitorStats,
  StateChange,
  UptimeWindow,
} from './model';
export type { Logger } from './logger';
export { silentLogger } from './logger';
