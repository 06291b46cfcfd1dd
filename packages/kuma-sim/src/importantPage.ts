import type { StoredBeat } from './monitorStore';

/** A page of beats, or the message of the query that failed. */
export type ImportantPage = { beats: StoredBeat[] } | { error: string };

// What SQLite says to a LIMIT or OFFSET it cannot take as an integer.
// Kuma's message also carries the query in front of it.
const MISMATCH = 'SQLITE_MISMATCH: datatype mismatch';

/**
 * One `monitorImportantHeartbeatListPaged` page of `beats` (newest first).
 * Kuma neither caps nor checks `offset` and `count`: both go into the
 * query's OFFSET and LIMIT as sent (server/server.js @2.0.0 to @2.5.3,
 * @3.0.X). So SQLite decides: a negative count means no limit, a negative
 * offset counts as 0, and what is not a whole number fails the query.
 */
export function importantPage(
  beats: readonly StoredBeat[],
  opts: { offset: unknown; count: unknown },
): ImportantPage {
  const offset = sqliteInteger(opts.offset);
  const count = sqliteInteger(opts.count);
  if (offset === undefined || count === undefined) return { error: MISMATCH };
  const start = Math.max(0, offset);
  const end = count < 0 ? undefined : start + count;
  return { beats: beats.slice(start, end) };
}

// A number, or text SQLite reads as a decimal number, that is whole.
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

function sqliteInteger(value: unknown): number | undefined {
  const usable =
    typeof value === 'number' ||
    (typeof value === 'string' && DECIMAL.test(value));
  const n = usable ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
}
