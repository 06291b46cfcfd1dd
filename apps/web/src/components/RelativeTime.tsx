import { formatRelative } from '../format/formatters';

/** A ticking "12 s ago", with the exact time in a machine-readable element. */
export function RelativeTime({
  at,
  now,
}: {
  at: Date | undefined;
  now: number;
}) {
  if (!at) return <span>never</span>;
  return (
    <time dateTime={at.toISOString()} title={at.toLocaleString()}>
      {formatRelative(at, now)}
    </time>
  );
}
