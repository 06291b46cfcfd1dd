import type { Logger } from '../../src/index';

/** A logger that appends each entry, as JSON plus message, to `lines`. */
export function recordingLogger(lines: string[]): Logger {
  const record = (obj: object, msg?: string) =>
    lines.push(JSON.stringify(obj) + (msg ?? ''));
  return { debug: record, info: record, warn: record, error: record };
}
