import type { ServicesState } from '../state/servicesReducer';
import { orderedStatuses } from '../state/servicesReducer';
import { ServiceCard } from './ServiceCard';

export interface ServiceGridProps {
  state: ServicesState;
  now: number;
  loading: boolean;
}

/** The cards, one per service, in a grid that reflows down to one column. */
export function ServiceGrid({ state, now, loading }: ServiceGridProps) {
  const statuses = orderedStatuses(state);
  if (statuses.length === 0) {
    return (
      <p className="empty" role="status">
        {loading ? 'Loading services…' : 'No services are configured yet.'}
      </p>
    );
  }
  return (
    <ul className="grid" aria-label="Services">
      {statuses.map((status) => (
        <li key={status.service}>
          <ServiceCard
            status={status}
            samples={(state.samples[status.service] ?? []).map((s) => s.value)}
            now={now}
          />
        </li>
      ))}
    </ul>
  );
}
