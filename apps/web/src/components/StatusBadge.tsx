import type { ServiceState } from '../api/types';
import { statusLabel } from '../format/formatters';

const ICONS: Record<ServiceState, string> = {
  up: '✓',
  down: '✕',
  degraded: '!',
  maintenance: '⚒',
  unknown: '?',
};

/** A status as colour, icon and word together. */
export function StatusBadge({ status }: { status: ServiceState }) {
  return (
    <span className={`badge badge--${status}`} data-testid="status">
      <span className="badge__icon" aria-hidden="true">
        {ICONS[status]}
      </span>
      {statusLabel(status)}
    </span>
  );
}
