import type {
  CaptureLine,
  SimBeatInput,
  SimFirstCheck,
  SimStatus,
} from '../src/index';
import { classifyBeats } from './beatCauses';

type Json = Record<string, unknown>;

/**
 * A `firstCheck` rule per target URL, taken from the capture: each monitor
 * the capture adds gets the first beat the real server sent for it, or no
 * beat when none followed. Monitors the capture never added get the
 * simulator's default.
 */
export function firstChecksFromCapture(
  lines: readonly CaptureLine[],
): SimFirstCheck | undefined {
  const caused = classifyBeats(lines);
  const rules = new Map<string, SimBeatInput | null>();
  lines.forEach((line, index) => {
    if (line.dir !== 'client' || line.event !== 'add') return;
    const url = (line.args[0] as Json).url;
    if (typeof url !== 'string') return;
    rules.set(url, causedBeat(lines, { from: index, caused }));
  });
  if (rules.size === 0) return undefined;
  return (monitor) => {
    const rule = rules.get(monitor.url ?? '');
    if (rule !== undefined) return rule;
    return monitor.type === 'push' ? null : { status: 1, ping: 12 };
  };
}

// The first caused beat after the `add` request; its `ack` gives the id.
function causedBeat(
  lines: readonly CaptureLine[],
  opts: { from: number; caused: Set<number> },
): SimBeatInput | null {
  const request = lines[opts.from];
  const ack = lines.find(
    (l, i) =>
      i > opts.from &&
      l.dir === 'ack' &&
      l.sock === request?.sock &&
      l.ackId === request.ackId,
  );
  const id = (ack?.args[0] as Json | undefined)?.monitorID;
  const beat = lines.find(
    (l, i) => opts.caused.has(i) && (l.args[0] as Json).monitorID === id,
  );
  if (!beat) return null;
  const json = beat.args[0] as Json;
  return {
    status: json.status as SimStatus,
    msg: String(json.msg),
    ping: typeof json.ping === 'number' ? json.ping : null,
  };
}
