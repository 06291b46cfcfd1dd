export { createStatusClient } from './createStatusClient';
export type {
  StatusClient,
  StatusClientExtras,
  StatusClientOptions,
} from './createStatusClient';
export type { ConnectionState, ConnectionStateStore } from './connectionState';
export { reconnectBackoff } from './backoff';
