import type { KumaHeartbeat, KumaMonitor } from '@medianest/kuma-client';
import { StatusCoreError } from './StatusCoreError';

/**
 * The source validates what it receives, but status-core still refuses what
 * would corrupt a derivation: these checks throw `BAD_SOURCE_DATA`.
 */
export function checkBeat(beat: unknown): KumaHeartbeat {
  const candidate = beat as Partial<KumaHeartbeat> | null;
  const valid =
    typeof candidate === 'object' &&
    candidate !== null &&
    Number.isInteger(candidate.monitorId) &&
    [0, 1, 2, 3].includes(candidate.status as number) &&
    candidate.time instanceof Date &&
    !Number.isNaN(candidate.time.getTime()) &&
    (candidate.ping === null ||
      candidate.ping === undefined ||
      Number.isFinite(candidate.ping));
  if (!valid) throw badData('heartbeat', beat);
  return candidate as KumaHeartbeat;
}

/** Checks one monitor; see `checkBeat`. */
export function checkMonitor(monitor: unknown): KumaMonitor {
  const candidate = monitor as Partial<KumaMonitor> | null;
  const valid =
    typeof candidate === 'object' &&
    candidate !== null &&
    Number.isInteger(candidate.id) &&
    typeof candidate.name === 'string' &&
    typeof candidate.active === 'boolean' &&
    Number.isFinite(candidate.interval) &&
    Array.isArray(candidate.tags);
  if (!valid) throw badData('monitor', monitor);
  return candidate as KumaMonitor;
}

function badData(what: string, value: unknown): StatusCoreError {
  let shown: string;
  try {
    shown = JSON.stringify(value).slice(0, 200);
  } catch {
    shown = String(value);
  }
  return new StatusCoreError(
    'BAD_SOURCE_DATA',
    `Dropped a malformed ${what} from the source: ${shown}`,
  );
}
