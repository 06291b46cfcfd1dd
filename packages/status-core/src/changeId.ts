import { StatusCoreError } from './StatusCoreError';

/**
 * Change and notification ids have the shape of Redis stream ids,
 * `<epoch ms>-<sequence>`, with both backends. An id handed out from memory
 * while Redis was away therefore still orders correctly against the ids
 * Redis hands out once it is back.
 */
export function parseChangeId(id: string): [number, number] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(id);
  if (match?.[1] === undefined) {
    throw new StatusCoreError(
      'BAD_CHANGE_ID',
      `"${id}" is not a change id; pass an id from a previous change, ` +
        'like "1735689600000-0"',
    );
  }
  return [Number(match[1]), Number(match[2] ?? 0)];
}

/** Negative when `a` is older than `b`, 0 when equal, positive when newer. */
export function compareChangeIds(a: string, b: string): number {
  const [aMs, aSeq] = parseChangeId(a);
  const [bMs, bSeq] = parseChangeId(b);
  return aMs === bMs ? aSeq - bSeq : aMs - bMs;
}

/** The next id after `last` at time `now`, always greater than `last`. */
export function nextChangeId(last: string | null, now: number): string {
  if (last === null) return `${now}-0`;
  const [ms, seq] = parseChangeId(last);
  return now > ms ? `${now}-0` : `${ms}-${seq + 1}`;
}
