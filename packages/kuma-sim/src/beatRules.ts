import type { SimStatus } from './types';

const DOWN = 0;
const UP = 1;
const PENDING = 2;
const MAINTENANCE = 3;

// Transitions Kuma flags as important; everything else (UP↔PENDING,
// PENDING↔MAINTENANCE, repeats) is not.
const importantPairs = new Set<string>([
  `${UP}>${DOWN}`,
  `${PENDING}>${DOWN}`,
  `${DOWN}>${UP}`,
  `${UP}>${MAINTENANCE}`,
  `${DOWN}>${MAINTENANCE}`,
  `${MAINTENANCE}>${UP}`,
  `${MAINTENANCE}>${DOWN}`,
]);

/** Whether a beat is important: a monitor's first beat always is. */
export function isImportant(
  previous: SimStatus | undefined,
  current: SimStatus,
): boolean {
  if (previous === undefined) return true;
  return importantPairs.has(`${previous}>${current}`);
}

/** 2.x `retries`: failures in a row, reset by UP and maintenance. */
export function nextRetries(previous: number, status: SimStatus): number {
  return status === DOWN || status === PENDING ? previous + 1 : 0;
}

/**
 * The status of a failed check: PENDING while fewer than `maxRetries`
 * failures came before it in a row, DOWN once they are used up (and at
 * once without retries). DOWN never goes back to PENDING: its count
 * already reached the limit.
 */
export function failureStatus(opts: {
  maxRetries: number;
  failuresBefore: number;
}): SimStatus {
  const { maxRetries, failuresBefore } = opts;
  return maxRetries > 0 && failuresBefore < maxRetries ? PENDING : DOWN;
}

/** A beat's status and the `retries` (2.x) it stores. */
export interface StatusWithRetries {
  status: SimStatus;
  retries: number;
}

/**
 * A `down` pushed to 2.x's push API. It is retried only as a monitor's
 * first beat or after UP or PENDING; after maintenance (or DOWN) it is
 * DOWN at once, where a failed check would start retrying. A DOWN right
 * after UP, or as the first beat, stores `retries` 0 (a failed check
 * counts 1); after anything else the count goes on.
 */
export function pushedDown(opts: {
  previous: StatusWithRetries | undefined;
  maxRetries: number;
}): StatusWithRetries {
  const { previous, maxRetries } = opts;
  const before = previous?.retries ?? 0;
  const fresh = previous === undefined || previous.status === UP;
  const mayRetry = fresh || previous.status === PENDING;
  if (mayRetry && maxRetries > 0 && before < maxRetries) {
    return { status: PENDING, retries: before + 1 };
  }
  return { status: DOWN, retries: fresh ? 0 : before + 1 };
}

/**
 * The message a beat of this status usually carries. PENDING is a failed
 * check with retries left, so it carries the failure's message.
 */
export function defaultMessage(opts: {
  status: SimStatus;
  type: string;
  target: string;
}): string {
  const push = opts.type === 'push';
  switch (opts.status) {
    case UP:
      return push ? 'OK' : opts.type === 'port' ? '' : '200 - OK';
    case DOWN:
    case PENDING:
      return push
        ? 'No heartbeat in the time window'
        : `connect ECONNREFUSED ${opts.target}`;
    case MAINTENANCE:
      return 'Monitor under maintenance';
  }
}

/**
 * Whether a status carries a measured ping: only UP does, as Kuma measures
 * the time of a check that succeeded (PENDING and DOWN failed, maintenance
 * is not checked).
 */
export function hasPing(status: SimStatus): boolean {
  return status === UP;
}
