import type { CaptureLine } from '../src/index';

/**
 * Indexes of recorded `heartbeat` lines that a client request caused (the
 * beat of `resumeMonitor`, the first beat of a monitor created by `add`):
 * the simulator produces those itself, so a replay must not inject them.
 */
export function classifyBeats(lines: readonly CaptureLine[]): Set<number> {
  const caused = new Set<number>();
  lines.forEach((line, index) => {
    if (line.dir !== 'client' || line.ackId === undefined) return;
    const ackIndex = lines.findIndex(
      (l, i) =>
        i > index &&
        l.dir === 'ack' &&
        l.sock === line.sock &&
        l.ackId === line.ackId,
    );
    if (ackIndex < 0) return;
    if (line.event === 'resumeMonitor') {
      markBetween(lines, {
        from: index,
        to: ackIndex,
        id: Number(line.args[0]),
        caused,
      });
    }
    if (line.event === 'add') {
      const id = Number(
        (lines[ackIndex]?.args[0] as { monitorID?: unknown }).monitorID,
      );
      markFirstPerSocket(lines, { from: ackIndex, id, caused });
    }
  });
  return caused;
}

function beatId(line: CaptureLine | undefined): number | undefined {
  if (line?.dir !== 'server' || line.event !== 'heartbeat') return undefined;
  return Number((line.args[0] as { monitorID?: unknown }).monitorID);
}

function markBetween(
  lines: readonly CaptureLine[],
  opts: { from: number; to: number; id: number; caused: Set<number> },
): void {
  for (let i = opts.from + 1; i < opts.to; i++) {
    if (beatId(lines[i]) === opts.id) opts.caused.add(i);
  }
}

function markFirstPerSocket(
  lines: readonly CaptureLine[],
  opts: { from: number; id: number; caused: Set<number> },
): void {
  const seen = new Set<string>();
  for (let i = opts.from + 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line || beatId(line) !== opts.id || seen.has(line.sock)) continue;
    seen.add(line.sock);
    opts.caused.add(i);
  }
}
