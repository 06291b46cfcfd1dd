import type { ServiceStatus } from './types';

/**
 * Whether `next` differs from `previous` in something a person would see:
 * the state, its origin, the message, the name, or a response time that moved
 * by at least `noiseMs`. Uptime and last-check times drift with every beat
 * and are refreshed silently.
 */
export function isVisibleChange(opts: {
  previous: ServiceStatus | undefined;
  next: ServiceStatus;
  noiseMs: number;
}): boolean {
  const { previous, next } = opts;
  if (previous === undefined) return true;
  if (
    previous.status !== next.status ||
    previous.source !== next.source ||
    previous.message !== next.message ||
    previous.displayName !== next.displayName
  ) {
    return true;
  }
  return responseTimeMoved(
    previous.responseTime,
    next.responseTime,
    opts.noiseMs,
  );
}

function responseTimeMoved(
  before: number | undefined,
  after: number | undefined,
  noiseMs: number,
): boolean {
  if (before === undefined || after === undefined) return before !== after;
  return Math.abs(after - before) >= noiseMs;
}
