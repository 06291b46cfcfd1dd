import type {
  CaptureLine,
  SimCertInfo,
  SimHistoryBeat,
  SimMonitorInit,
  SimStatus,
} from '../src/index';

type Json = Record<string, unknown>;

/**
 * Monitors as the capture's first burst shows them: fields from
 * `monitorList`, history from `heartbeatList` (times shifted so the newest
 * recorded beat is "now"), TLS facts from `certInfo`.
 */
export function seedFromCapture(
  lines: readonly CaptureLine[],
): SimMonitorInit[] {
  const list = lines.find((l) => l.event === 'monitorList');
  if (!list) return [];
  const monitors = Object.values(list.args[0] as Record<string, Json>);
  const shiftMs = Date.now() - newestBeatTime(lines);
  return monitors.map((m) => ({
    name: String(m.name),
    type: String(m.type),
    url: m.url as string | null,
    hostname: m.hostname as string | null,
    port: m.port as number | null,
    interval: Number(m.interval),
    maxretries: Number(m.maxretries),
    active: m.active === true,
    ...(typeof m.pushToken === 'string' ? { pushToken: m.pushToken } : {}),
    historyBeats: historyOf(lines, { id: Number(m.id), shiftMs }),
    ...certOf(lines, Number(m.id)),
  }));
}

function rowsOf(lines: readonly CaptureLine[], id: number): Json[] {
  const line = lines.find(
    (l) => l.event === 'heartbeatList' && Number(l.args[0]) === id,
  );
  return (line?.args[1] as Json[] | undefined) ?? [];
}

function newestBeatTime(lines: readonly CaptureLine[]): number {
  const times = lines
    .filter((l) => l.event === 'heartbeatList')
    .flatMap((l) => (l.args[1] as Json[]).map((r) => parseTime(r.time)));
  return Math.max(0, ...times);
}

function historyOf(
  lines: readonly CaptureLine[],
  opts: { id: number; shiftMs: number },
): SimHistoryBeat[] {
  return rowsOf(lines, opts.id).map((row) => ({
    status: row.status as SimStatus,
    time: new Date(parseTime(row.time) + opts.shiftMs),
    msg: String(row.msg),
    ping: row.ping as number | null,
    important: row.important === 1,
    duration: Number(row.duration),
  }));
}

function certOf(
  lines: readonly CaptureLine[],
  id: number,
): { cert?: SimCertInfo } {
  const line = lines.find(
    (l) => l.event === 'certInfo' && Number(l.args[0]) === id,
  );
  if (!line) return {};
  const info = JSON.parse(String(line.args[1])) as Json;
  const inner = info.certInfo as Json;
  const issuer = inner.issuer as Json;
  return {
    cert: {
      valid: info.valid === true,
      daysRemaining: Number(inner.daysRemaining),
      validTo: new Date(String(inner.validTo)),
      issuer: String(issuer.CN),
      certType: inner.certType as SimCertInfo['certType'],
    },
  };
}

function parseTime(value: unknown): number {
  return Date.parse(`${String(value).replace(' ', 'T')}Z`);
}
