import type { ServiceStatusDto } from '@medianest/status-client';

/** The fields of a service status the table shows. */
export type TableStatus = Pick<
  ServiceStatusDto,
  | 'service'
  | 'displayName'
  | 'status'
  | 'responseTime'
  | 'uptime24h'
  | 'lastCheck'
  | 'source'
>;
