/**
 * Id of the moment before the first change: a snapshot taken before any
 * change carries it, and resuming from it replays the whole retained feed.
 */
export const ORIGIN_EVENT_ID = '0-0';

/**
 * Orders change ids (`<epoch ms>-<sequence>`, the shape status-core hands
 * out with both stores). Unparseable ids sort first, so they never hide a
 * real change.
 */
export function compareEventIds(a: string, b: string): number {
  const [aMs, aSeq] = parse(a);
  const [bMs, bSeq] = parse(b);
  return aMs === bMs ? aSeq - bSeq : aMs - bMs;
}

function parse(id: string): [number, number] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(id);
  return [Number(match?.[1] ?? -1), Number(match?.[2] ?? 0)];
}
