import {
  INDICATOR_HINTS,
  INDICATOR_LABELS,
  type IndicatorState,
} from '../state/indicatorState';

/** Live, reconnecting, fallback probing or stale: announced politely. */
export function ConnectionIndicator({ state }: { state: IndicatorState }) {
  return (
    <p
      className={`indicator indicator--${state}`}
      role="status"
      title={INDICATOR_HINTS[state]}
      data-testid="connection"
      data-state={state}
    >
      <span className="indicator__dot" aria-hidden="true" />
      <span className="visually-hidden">Connection: </span>
      {INDICATOR_LABELS[state]}
    </p>
  );
}
