import type { KumaSim } from './kumaSim';
import type { SimBeatInput } from './types';

/**
 * A monitor the loop beats, every `interval` seconds, or every
 * `retryInterval` seconds after a PENDING beat.
 */
export interface BeatLoopMonitor {
  id: number;
  interval: number;
  /**
   * Seconds to the next check after a PENDING beat (0: the interval).
   * @default the interval, as Kuma's monitor editor keeps it unless changed
   */
  retryInterval?: number;
  /**
   * Request timeout in seconds, named by timeout failures. @default 80 % of
   * the interval, as Kuma's monitor editor proposes it
   */
  timeout?: number;
}

/** Options of `startBeatLoop`. */
export interface BeatLoopOptions {
  monitors: BeatLoopMonitor[];
  /** Random source in [0, 1). @default Math.random */
  random?: () => number;
  /** Chance that a check of a healthy monitor fails. @default 0.04 */
  failRate?: number;
  /** Chance that a check of a failing monitor succeeds again. @default 0.5 */
  recoverRate?: number;
}

/**
 * Checks each monitor on its interval: mostly UP with a realistic ping,
 * sometimes an outage of one or more failed checks (refused connections or
 * timeouts, without a ping), which the simulator reports as PENDING or
 * DOWN by the monitor's `maxretries`; after a PENDING beat the next check
 * comes `retryInterval` later. The first check comes one interval after
 * the monitor's newest beat, as on a server that kept running, so right
 * away after seeded history. Returns a function that stops every timer.
 * Timers are unref'd so they never hold the process open.
 */
export function startBeatLoop(
  sim: KumaSim,
  options: BeatLoopOptions,
): () => void {
  const stops = options.monitors.map((monitor) => {
    const next = checkOutcomes(monitor, options);
    const beat = (): number => {
      if (!sim.monitorIds().includes(monitor.id)) return intervalMs(monitor);
      try {
        return nextCheckMs(monitor, sim.beat(monitor.id, next()).status);
      } catch {
        // Paused monitors do not beat; the next tick tries again.
        return intervalMs(monitor);
      }
    };
    return schedule(beat, firstCheckDelayMs(sim, monitor));
  });
  return () => {
    for (const stop of stops) stop();
  };
}

function firstCheckDelayMs(sim: KumaSim, monitor: BeatLoopMonitor): number {
  if (!sim.monitorIds().includes(monitor.id)) return intervalMs(monitor);
  const last = sim.lastBeatTime(monitor.id);
  if (!last) return intervalMs(monitor);
  return Math.max(0, last.getTime() + intervalMs(monitor) - Date.now());
}

function intervalMs(monitor: BeatLoopMonitor): number {
  return monitor.interval * 1000;
}

// Kuma waits the retry interval after a PENDING beat, if it has one.
function nextCheckMs(monitor: BeatLoopMonitor, status: unknown): number {
  const retry = monitor.retryInterval ?? monitor.interval;
  return status === 2 && retry > 0 ? retry * 1000 : intervalMs(monitor);
}

// Runs `run` after `firstMs`, then again after each delay it returns;
// returns the stop.
function schedule(run: () => number, firstMs: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  const plan = (ms: number): void => {
    timer = setTimeout(() => plan(run()), ms);
    timer.unref();
  };
  plan(firstMs);
  return () => clearTimeout(timer);
}

// One monitor's checks: an outage lasts until a check recovers.
function checkOutcomes(
  monitor: BeatLoopMonitor,
  options: BeatLoopOptions,
): () => SimBeatInput {
  const random = options.random ?? Math.random;
  const timeoutMs = Math.round(
    (monitor.timeout ?? monitor.interval * 0.8) * 1000,
  );
  let failing = false;
  return () => {
    const roll = random();
    failing = failing
      ? roll >= (options.recoverRate ?? 0.5)
      : roll < (options.failRate ?? 0.04);
    if (!failing) return { status: 1, ping: Math.round(8 + random() * 120) };
    // Half the failures are timeouts; the others keep the usual message.
    if (random() < 0.5) return { status: 0 };
    return { status: 0, msg: `timeout of ${timeoutMs}ms exceeded` };
  };
}
