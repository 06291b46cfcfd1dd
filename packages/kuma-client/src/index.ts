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
