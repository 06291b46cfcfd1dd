import type { ServiceStatus } from '@medianest/status-core';

/**
 * A service status as the server sends it: the status-core shape of a
 * Kuma-backed service with two monitors, 301 bytes as JSON when up and
 * 353 when down. Raw ws, the bench router and the real server all
 * broadcast this same object.
 */
export function benchStatus(index: number, seq = 0): ServiceStatus {
  const down = seq % 2 === 1;
  const responseTime = 20 + (seq % 50);
  return {
    service: `service-${index}`,
    displayName: `Media service ${index}`,
    status: down ? 'down' : 'up',
    responseTime,
    uptime24h: 0.9987,
    lastCheck: new Date(Date.UTC(2025, 0, 1) + seq * 1_000),
    ...(down ? { message: 'connect ECONNREFUSED 10.0.0.12:8096' } : {}),
    source: 'kuma',
    monitors: [
      {
        monitorId: index * 2,
        name: `http ${index}`,
        status: 'up',
        responseTime,
      },
      {
        monitorId: index * 2 + 1,
        name: `tcp ${index}`,
        status: down ? 'down' : 'up',
        responseTime,
      },
    ],
  };
}

/** What `status.list` returns: 20 services. */
export function benchStatusList(): ServiceStatus[] {
  return Array.from({ length: 20 }, (_, index) => benchStatus(index));
}
