import type { ServiceStateDto } from '@medianest/status-client';
import { statusLabel } from '../format/formatters';

const ICONS: Record<ServiceStateDto, string> = {
  up: '✓',
  down: '✕',
  degraded: '!',
  maintenance: '⚒',
  unknown: '?',
};

/** A status as colour, icon and word together. */
export function StatusBadge({ status }: { status: ServiceStateDto }) {
  return (
    <span className={`badge badge--${status}`} data-testid="status">
      <span className="badge__icon" aria-hidden="true">
        {ICONS[status]}
      </span>
      {statusLabel(status)}
    </span>
  );
}
