export { aggregateStatus, STATE_SEVERITY } from './aggregateStatus';
export { compareChangeIds, parseChangeId } from './changeId';
export {
  aggregationSchema,
  engineSettingsSchema,
  monitorSelectorSchema,
  serviceConfigSchema,
  statusCoreConfigSchema,
} from './configSchema';
export type {
  Aggregation,
  EngineSettings,
  MonitorSelector,
  ServiceConfig,
  StatusCoreConfig,
  StatusCoreConfigInput,
} from './configSchema';
export { createStatusEngine } from './createStatusEngine';
export type {
  LeadershipEvent,
  SourceHandle,
  StatusEngineOptions,
} from './createStatusEngine';
export { deriveMonitorStatus, staleAfterMs } from './deriveMonitorStatus';
export type { DeriveMonitorInput } from './deriveMonitorStatus';
export { deriveServiceStatus } from './deriveServiceStatus';
export type { DeriveServiceInput, MonitorLookup } from './deriveServiceStatus';
export type {
  EngineHealth,
  EngineMode,
  FeedSlice,
  HistoryPage,
  HistoryQuery,
  RecentNotifications,
  RefreshResult,
  StatusEngineApi,
} from './engineApi';
export { isVisibleChange } from './isVisibleChange';
export {
  ENGINE_ENV_VARS,
  formatIssuePath,
  loadConfig,
  parseConfig,
} from './loadConfig';
export type { LoadConfigOptions } from './loadConfig';
export { MemoryStore } from './MemoryStore';
export type { MemoryStoreOptions } from './MemoryStore';
export { NotificationPolicy } from './NotificationPolicy';
export type {
  AlertChange,
  AlertHistory,
  AlertNotice,
  NotificationPolicyOptions,
  SettledAlert,
} from './NotificationPolicy';
export { probeHealthUrl } from './probeHealthUrl';
export type { ProbeOptions, ProbeResult } from './probeHealthUrl';
export { DEFAULT_KEY_PREFIX, RedisStore } from './RedisStore';
export type { RedisStoreOptions } from './RedisStore';
export { matchesSelector, resolveServices } from './resolveServices';
export type { ResolvedService } from './resolveServices';
export { slugify } from './slugify';
export type { StatusSource, StatusSourceEvents } from './source';
export { STATUS_CORE_ERROR_CODES, StatusCoreError } from './StatusCoreError';
export type {
  ConfigIssue,
  StatusCoreErrorCode,
  StatusCoreErrorOptions,
} from './StatusCoreError';
export type { StatusEngine } from './StatusEngine';
export type {
  NewStatusChange,
  NewStatusNotification,
  StatusStore,
} from './StatusStore';
export type {
  MonitorStatus,
  NotificationKind,
  ServiceState,
  ServiceStatus,
  StatusChange,
  StatusNotification,
  StatusOrigin,
} from './types';
