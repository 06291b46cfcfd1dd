import { readFileSync } from 'node:fs';

/** One line of a capture file in `packages/kuma-sim/captures/`. */
export interface CaptureLine {
  t: number;
  sock: string;
  dir: 'server' | 'client' | 'ack' | 'marker';
  event: string;
  args: unknown[];
}

const CAPTURES = new URL('../../../kuma-sim/captures/', import.meta.url);

/** Reads a capture such as `2.5.3/login-password`. */
export function readCapture(name: string): CaptureLine[] {
  const text = readFileSync(new URL(`${name}.jsonl`, CAPTURES), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CaptureLine);
}

/** The argument lists of every server push of `event`. */
export function pushes(name: string, event: string): unknown[][] {
  return readCapture(name)
    .filter((line) => line.dir === 'server' && line.event === event)
    .map((line) => line.args);
}

export const CAPTURE_NAMES = {
  '2.x': [
    '2.5.3/login-password',
    '2.5.3/login-token',
    '2.5.3/reconnect',
    '2.5.3/monitor-lifecycle',
    '2.5.3/maintenance',
    '2.5.3/auth-disabled',
    '2.5.3/two-factor',
  ],
  '1.23': [
    '1.23.16/login-password',
    '1.23.16/login-token',
    '1.23.16/reconnect',
  ],
  '3.0': [
    '3.0/login-cookie',
    '3.0/reconnect',
    '3.0/sign-out',
    '3.0/two-factor',
    '3.0/auth-disabled',
    '3.0/add-monitors',
    '3.0/setup',
  ],
} as const;
