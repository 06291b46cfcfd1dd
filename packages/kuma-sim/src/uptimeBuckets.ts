import type { StoredBeat } from './monitorStore';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3600 * 1000;

/**
 * 2.x keeps per-minute and per-day (UTC) counters and reads whole buckets:
 * 24 h is the 1,440 minutes up to the current one, 720 the 30 days up to
 * today, '1y' 365 days.
 */
function windowOf(period: number | string) {
  if (String(period) === '720') return { bucketMs: DAY_MS, buckets: 30 };
  if (period === '1y') return { bucketMs: DAY_MS, buckets: 365 };
  return { bucketMs: MINUTE_MS, buckets: 1440 };
}

const bucketOf = (time: number, bucketMs: number) =>
  Math.floor(time / bucketMs) * bucketMs;

/**
 * The beats 2.x counts for a period: up, down and pending ones in the
 * period's buckets (maintenance is counted apart). When there are none, 2.x
 * falls back to the bucket of the newest beat, however old.
 */
export function countedBeats(
  beats: readonly StoredBeat[],
  now: Date,
  period: number | string,
): StoredBeat[] {
  const { bucketMs, buckets } = windowOf(period);
  const from = bucketOf(now.getTime(), bucketMs) - bucketMs * (buckets - 1);
  const counted = beats.filter(
    (b) => b.status !== 3 && b.time.getTime() >= from,
  );
  const newest = beats.at(-1);
  if (counted.length > 0 || !newest) return counted;
  const last = bucketOf(newest.time.getTime(), bucketMs);
  return beats.filter(
    (b) => b.status !== 3 && bucketOf(b.time.getTime(), bucketMs) === last,
  );
}
