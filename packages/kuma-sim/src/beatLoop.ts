import type { KumaSim } from './kumaSim';
import type { SimBeatInput } from './types';

/** A monitor the loop beats, every `interval` seconds. */
export interface BeatLoopMonitor {
  id: number;
  interval: number;
}

/** Options of `startBeatLoop`. */
export interface BeatLoopOptions {
  monitors: BeatLoopMonitor[];
  /** Random source in [0, 1). @default Math.random */
  random?: () => number;
  /** Share of DOWN beats. @default 0.04 */
  downRate?: number;
  /** Share of PENDING beats. @default 0.02 */
  pendingRate?: number;
}

/**
 * Beats each monitor on its interval: mostly UP with a realistic ping,
 * occasionally DOWN or PENDING. Returns a function that stops every timer.
 * Timers are unref'd so they never hold the process open.
 */
export function startBeatLoop(
  sim: KumaSim,
  options: BeatLoopOptions,
): () => void {
  const random = options.random ?? Math.random;
  const timers = options.monitors.map((monitor) => {
    const beat = (): void => {
      if (!sim.monitorIds().includes(monitor.id)) return;
      try {
        sim.beat(monitor.id, pickBeat(random, options));
      } catch {
        // Paused monitors do not beat; the next tick tries again.
      }
    };
    const timer = setInterval(beat, monitor.interval * 1000);
    timer.unref();
    return timer;
  });
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}

function pickBeat(
  random: () => number,
  options: BeatLoopOptions,
): SimBeatInput {
  const roll = random();
  const down = options.downRate ?? 0.04;
  const pending = options.pendingRate ?? 0.02;
  if (roll < down) return { status: 0 };
  if (roll < down + pending) return { status: 2, ping: 16000 };
  return { status: 1, ping: Math.round(8 + random() * 120) };
}
