import { formatMs } from '../format/formatters';
import { sparklinePoints } from '../format/sparklinePoints';

const BOX = { width: 120, height: 28 };

/** Recent response times as a small line chart, described for screen readers. */
export function Sparkline({ values }: { values: readonly number[] }) {
  if (values.length < 2) {
    return <span className="sparkline sparkline--empty" aria-hidden="true" />;
  }
  const label =
    `Response time over the last ${values.length} checks, ` +
    `from ${formatMs(Math.min(...values))} to ${formatMs(Math.max(...values))}`;

  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${BOX.width} ${BOX.height}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <polyline
        points={sparklinePoints(values, BOX)}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinejoin="round"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
