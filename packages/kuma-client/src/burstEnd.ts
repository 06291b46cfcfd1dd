import type { BurstBarrier } from './sync';

/**
 * When a burst that no ack closes (1.23; 3.0; 2.x with `autoLogin` first)
 * is over. The barrier's lists and stats come first, but a monitor's
 * `certInfo` may follow its last uptime: Kuma 1.23 sends each monitor's
 * stats in sequence with a query before every push, certInfo last, and
 * 2.x/3.0 send the monitors' stats concurrently. For the last monitor
 * nothing else proves its certInfo done, except `initServerTimezone`, and
 * that only comes while the server's timezone is unset.
 *
 * So once the barrier is complete, the burst ends at `initServerTimezone`
 * or after `quietMs` without a first certInfo of any monitor (each one
 * restarts the wait). Without the timezone question every connect thus
 * takes `quietMs` longer, and each late certificate at most `quietMs` more.
 */
export async function whenBurstEnds(opts: {
  barrier: BurstBarrier;
  timezoneAsked: Promise<void>;
  quietMs: number;
}): Promise<void> {
  await opts.barrier.whenComplete();
  const quiet = quietPeriod(opts.barrier, opts.quietMs);
  try {
    await Promise.race([opts.timezoneAsked, quiet.elapsed]);
  } finally {
    quiet.cancel();
  }
}

function quietPeriod(
  barrier: BurstBarrier,
  ms: number,
): { elapsed: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: () => void = () => undefined;
  const elapsed = new Promise<void>((resolve) => {
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(resolve, ms);
      timer.unref();
    };
    unsubscribe = barrier.onFirstCertInfo(restart);
    restart();
  });
  const cancel = () => {
    clearTimeout(timer);
    unsubscribe();
  };
  return { elapsed, cancel };
}
