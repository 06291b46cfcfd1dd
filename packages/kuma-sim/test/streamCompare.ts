import type { Token } from './replay';
import { eventSkeleton } from './skeleton';

/** A socket's stream split into what can be compared deterministically. */
export interface NormalisedStream {
  /** Events and acks in order; burst stats/lists sorted within their run. */
  structure: string[];
  /** Live beats with their stats (and `maintenanceList`), in order. */
  live: string[];
}

const STATS = new Set(['avgPing', 'uptime', 'certInfo']);
const BURST_MIDDLE = new Set([
  ...STATS,
  'heartbeatList',
  'importantHeartbeatList',
]);

function label(token: Token): string {
  if (token.kind === 'http') return token.event;
  if (token.kind === 'connect') return 'connect';
  if (token.kind === 'disconnect') return `disconnect ${String(token.args[0])}`;
  return `${token.kind} ${token.event}${eventSkeleton(token.event, token.args)}`;
}

const isLiveStat = (t: Token | undefined): boolean =>
  t?.kind === 'server' && STATS.has(t.event) && typeof t.args[0] === 'number';
const isMaintenanceList = (t: Token | undefined): boolean =>
  t?.kind === 'server' && t.event === 'maintenanceList';
const isImportantBeat = (t: Token): boolean =>
  (t.args[0] as { important?: unknown } | undefined)?.important === true;

/**
 * Pulls each live `heartbeat` out with the numeric-id stats after it and,
 * for important beats, the adjacent `maintenanceList` (before it in 2.x,
 * after it in 1.23). Runs of burst stats and heartbeat lists are sorted:
 * Kuma sends them concurrently, so their relative order is not fixed.
 */
export function normalise(
  tokens: readonly Token[],
  opts: { maintenanceListBeforeBeat: boolean },
): NormalisedStream {
  const structure: Token[] = [];
  const live: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    if (token.kind !== 'server' || token.event !== 'heartbeat') {
      structure.push(token);
      continue;
    }
    const group = [label(token)];
    const important = isImportantBeat(token);
    if (
      important &&
      opts.maintenanceListBeforeBeat &&
      isMaintenanceList(structure.at(-1))
    ) {
      group.unshift(label(structure.pop()!));
    }
    if (
      important &&
      !opts.maintenanceListBeforeBeat &&
      isMaintenanceList(tokens[i + 1])
    ) {
      group.push(label(tokens[++i]!));
    }
    while (isLiveStat(tokens[i + 1])) group.push(label(tokens[++i]!));
    live.push(group.join(' + '));
  }
  return { structure: sortBurstRuns(structure), live };
}

function sortBurstRuns(tokens: Token[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    out.push(...run.sort());
    run = [];
  };
  for (const token of tokens) {
    const inBurst =
      token.kind === 'server' &&
      BURST_MIDDLE.has(token.event) &&
      typeof token.args[0] === 'string';
    if (inBurst) run.push(label(token));
    else {
      flush();
      out.push(label(token));
    }
  }
  flush();
  return out;
}
