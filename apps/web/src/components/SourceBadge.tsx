import type { StatusOriginDto } from '@medianest/status-client';

const TEXT: Record<Exclude<StatusOriginDto, 'kuma'>, [string, string]> = {
  probe: ['Probe', 'Measured by the fallback prober, not Uptime Kuma'],
  cache: ['Cached', 'Last known status from the cache; may be out of date'],
};

/** Says when a status did not come live from Uptime Kuma. */
export function SourceBadge({ source }: { source: StatusOriginDto }) {
  if (source === 'kuma') return null;
  const [label, title] = TEXT[source];
  return (
    <span className="source" title={title} data-testid="source">
      <span className="visually-hidden">Source: </span>
      {label}
    </span>
  );
}
