/** A service status as the dashboards receive it, about 300 bytes as JSON. */
export interface BenchStatus {
  service: string;
  name: string;
  status: 'up' | 'down' | 'degraded' | 'unknown';
  source: 'kuma' | 'probe';
  message: string;
  latencyMs: number;
  uptime24h: number;
  changedAt: Date;
  checkedAt: Date;
  monitors: { id: number; name: string; status: 'up' | 'down' }[];
}

/** The status of service `index`, as changed by broadcast `seq`. */
export function benchStatus(index: number, seq = 0): BenchStatus {
  const at = Date.UTC(2025, 0, 1) + seq * 1_000;
  return {
    service: `service-${index}`,
    name: `Media service ${index}`,
    status: seq % 2 === 0 ? 'up' : 'down',
    source: 'kuma',
    message: seq % 2 === 0 ? 'OK' : 'connect ECONNREFUSED 10.0.0.12:8096',
    latencyMs: 20 + (seq % 50),
    uptime24h: 0.9987,
    changedAt: new Date(at),
    checkedAt: new Date(at + 250),
    monitors: [
      { id: index * 2, name: `http ${index}`, status: 'up' },
      { id: index * 2 + 1, name: `tcp ${index}`, status: 'up' },
    ],
  };
}

/** What `status.list` returns: 20 services, about 6.4 KB as JSON. */
export function benchStatusList(): BenchStatus[] {
  return Array.from({ length: 20 }, (_, index) => benchStatus(index));
}
