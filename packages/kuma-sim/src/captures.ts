import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Direction of a recorded line, as in `captures/README.md`. */
export type CaptureDirection = 'server' | 'client' | 'ack' | 'marker';

/** One recorded frame or marker of a capture file. */
export interface CaptureLine {
  /** Milliseconds since the scenario's first `connect` marker. */
  t: number;
  /** Socket label: `'A'`, `'B'`, `'C'`. */
  sock: string;
  dir: CaptureDirection;
  event: string;
  /** Ack lines: the client event answered. */
  to?: string;
  /** Client lines with a callback, and their acks. */
  ackId?: number;
  sid?: string;
  transport?: string;
  wall?: string;
  reason?: string;
  description?: string;
  args: unknown[];
}

/** Folders of `packages/kuma-sim/captures/`, one per recorded server. */
export type CaptureDialectDir = '2.5.3' | '1.23.16' | '3.0';

const capturesDir = fileURLToPath(new URL('../captures/', import.meta.url));
const cache = new Map<string, CaptureLine[]>();

/**
 * Reads `captures/<dialectDir>/<scenario>.jsonl` into typed lines, in wire
 * order. Results are cached per file; treat them as read-only.
 */
export function loadCapture(
  dialectDir: CaptureDialectDir,
  scenario: string,
): CaptureLine[] {
  const key = `${dialectDir}/${scenario}`;
  const cached = cache.get(key);
  if (cached) return cached;

  const text = readFileSync(`${capturesDir}${key}.jsonl`, 'utf8');
  const lines = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CaptureLine);
  cache.set(key, lines);
  return lines;
}

/** The first `server` line of `event` in a capture, or throws. */
export function firstServerLine(
  lines: readonly CaptureLine[],
  event: string,
): CaptureLine {
  const line = lines.find((l) => l.dir === 'server' && l.event === event);
  if (!line) throw new Error(`capture has no server '${event}' line`);
  return line;
}
