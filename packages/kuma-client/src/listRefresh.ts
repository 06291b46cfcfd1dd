import type { KumaConnection } from './connection';
import type { Logger } from './logger';
import { request } from './requests';
import { basicAck } from './schemas';

/**
 * Asks Kuma for the full monitor list without waiting for it: the
 * `monitorList` it pushes in answer is applied like any other. A failure
 * only leaves the snapshot as it was, so it is logged, not thrown.
 */
export function refreshMonitorList(
  conn: KumaConnection,
  opts: { timeoutMs: number; logger: Logger },
): void {
  if (!conn.connected) return;
  const asked = request(conn, {
    event: 'getMonitorList',
    schema: basicAck,
    timeoutMs: opts.timeoutMs,
  });
  asked.catch((error: unknown) => {
    opts.logger.warn(
      { err: error },
      'kuma-client: getMonitorList failed; group members keep their active flag until the next full list',
    );
  });
}
