import type { ServiceStatusDto } from '@medianest/status-client';
import { formatPercent } from '../format/formatters';

const PERIODS = [
  ['uptime24h', '24 h'],
  ['uptime30d', '30 d'],
  ['uptime1y', '1 y'],
] as const;

/** Uptime over the three periods Uptime Kuma reports. */
export function UptimeList({ status }: { status: ServiceStatusDto }) {
  return (
    <ul className="uptime" aria-label="Uptime">
      {PERIODS.map(([key, label]) => (
        <li key={key}>
          <span className="uptime__period">{label}</span>{' '}
          <span className="uptime__value">{formatPercent(status[key])}</span>
        </li>
      ))}
    </ul>
  );
}
