import type { StatusChangeDto } from '@medianest/status-client';
import { formatRelative, statusLabel } from '../format/formatters';

export interface HistoryEntryProps {
  change: StatusChangeDto;
  now: number;
}

/** "Jellyfin: Up → Down, 3 min ago". */
export function HistoryEntry({ change, now }: HistoryEntryProps) {
  const { status, previous, at } = change;
  return (
    <li className={`history__item history__item--${status.status}`}>
      <span className="history__dot" aria-hidden="true" />
      <span className="history__name">{status.displayName}</span>{' '}
      <span className="history__change">
        {previous ? `${statusLabel(previous)} → ` : ''}
        {statusLabel(status.status)}
      </span>{' '}
      <time className="history__time" dateTime={at.toISOString()}>
        {formatRelative(at, now)}
      </time>
      {status.message && (
        <span className="history__message">{status.message}</span>
      )}
    </li>
  );
}
