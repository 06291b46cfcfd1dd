export { createStatusClient } from './createStatusClient';
export type {
  StatusClient,
  StatusClientExtras,
  StatusClientOptions,
  WebSocketClass,
} from './createStatusClient';
export type { ConnectionState, ConnectionStateStore } from './connectionState';
export { reconnectBackoff } from './backoff';
export { subscribeNotifications } from './subscribeNotifications';
export type { NotificationHandlers } from './subscribeNotifications';
export type {
  EngineModeDto,
  HealthDto,
  HistoryPageDto,
  NotificationDto,
  NotificationEventDto,
  RecentNotificationsDto,
  RefreshResultDto,
  RoleDto,
  ServiceStateDto,
  ServiceStatusDto,
  StatusApiInputs,
  StatusApiOutputs,
  StatusChangeDto,
  StatusEventDto,
  StatusOriginDto,
} from './apiTypes';
