import type { StatusChangeDto } from '@medianest/status-client';
import { HistoryEntry } from './HistoryEntry';

export interface HistoryTimelineProps {
  items: StatusChangeDto[] | undefined;
  now: number;
}

/** Recent status transitions, newest first. */
export function HistoryTimeline({ items, now }: HistoryTimelineProps) {
  const transitions = (items ?? []).filter(
    (change) => change.previous !== change.status.status,
  );
  return (
    <section className="history" aria-labelledby="history-heading">
      <h2 id="history-heading">Recent changes</h2>
      {transitions.length === 0 ? (
        <p className="empty">{items ? 'No changes yet.' : 'Loading…'}</p>
      ) : (
        <ol className="history__list">
          {transitions.map((change) => (
            <HistoryEntry key={change.id} change={change} now={now} />
          ))}
        </ol>
      )}
    </section>
  );
}
