import type {
  ConnectionState,
  EngineModeDto,
  ServiceStatusDto,
  StatusChangeDto,
  NotificationDto,
  RoleDto,
} from '@medianest/status-client';

/** The transport's view of the WebSocket while the dashboard is open. */
export type TransportState = Exclude<ConnectionState, 'closed'>;

export interface Subscription {
  unsubscribe(): void;
}

export interface StreamHandlers<TValue> {
  onData(value: TValue): void;
  onError(error: unknown): void;
}

/** One `status.onChange` event: a status and its change-feed id. */
export interface StatusEvent {
  id: string;
  status: ServiceStatusDto;
}

export interface HealthSummary {
  mode: EngineModeDto;
}

export interface RefreshSummary {
  changed: number;
  mode: EngineModeDto;
}

/** The caller's role as the dashboard names it: `public` without a token. */
export type TokenRole = Exclude<RoleDto, 'anonymous'> | 'public';

/**
 * Everything the dashboard asks of the server. The production
 * implementation wraps `createStatusClient`; tests of components can pass a
 * hand-written one.
 */
export interface DashboardApi {
  list(): Promise<ServiceStatusDto[]>;
  history(query: { limit: number; service?: string }): Promise<{
    items: StatusChangeDto[];
  }>;
  health(): Promise<HealthSummary>;
  refresh(): Promise<RefreshSummary>;
  /** The caller's role (`system.whoami`); `public` without a token. */
  role(): Promise<TokenRole | null>;
  onChange(handlers: StreamHandlers<StatusEvent>): Subscription;
  /**
   * Notifications published from now on, each once, including those
   * published while the WebSocket was away.
   */
  onNotification(handlers: StreamHandlers<NotificationDto>): Subscription;
  onTransport(listener: (state: TransportState) => void): Subscription;
  close(): void;
}

/** The tRPC error code carried by an error (`UNAUTHORIZED`, ...), if any. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const data = (error as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return undefined;
  const code = (data as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** The message of an error, whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
