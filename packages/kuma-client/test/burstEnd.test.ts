import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenBurstEnds } from '../src/burstEnd';
import { BurstBarrier } from '../src/sync';

/** A barrier whose one monitor has all its lists and stats. */
function completeBarrier(): BurstBarrier {
  const barrier = new BurstBarrier(['24h', '30d']);
  barrier.noteMonitorList([1]);
  barrier.noteHeartbeatList(1);
  barrier.noteAvgPing(1);
  barrier.noteUptime(1, '24h');
  barrier.noteUptime(1, '30d');
  return barrier;
}

function tracked(promise: Promise<void>): { done: () => boolean } {
  let done = false;
  void promise.then(() => (done = true));
  return { done: () => done };
}

const never = new Promise<void>(() => undefined);

/** Waits on a complete barrier, with no timezone question to end it. */
function quietEnd(barrier: BurstBarrier): { done: () => boolean } {
  return tracked(
    whenBurstEnds({ barrier, timezoneAsked: never, quietMs: 200 }),
  );
}

/** Checks that `end` comes exactly `ms` from now, not a tick earlier. */
async function expectDoneIn(
  end: { done: () => boolean },
  ms: number,
): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms - 1);
  expect(end.done()).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  expect(end.done()).toBe(true);
}

describe('whenBurstEnds', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ends a quiet period after the required stats', async () => {
    await expectDoneIn(quietEnd(completeBarrier()), 200);
  });

  it("restarts the wait at each monitor's first certInfo only", async () => {
    const barrier = completeBarrier();
    const end = quietEnd(barrier);
    await vi.advanceTimersByTimeAsync(150);
    barrier.noteCertInfo(1);
    await vi.advanceTimersByTimeAsync(150);
    barrier.noteCertInfo(1);
    await expectDoneIn(end, 50);
  });

  it('ends at initServerTimezone without waiting', async () => {
    const barrier = completeBarrier();
    const end = tracked(
      whenBurstEnds({
        barrier,
        timezoneAsked: Promise.resolve(),
        quietMs: 200,
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(end.done()).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits for the required stats first', async () => {
    const barrier = new BurstBarrier(['24h', '30d']);
    const end = tracked(
      whenBurstEnds({ barrier, timezoneAsked: Promise.resolve(), quietMs: 0 }),
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(end.done()).toBe(false);
    barrier.noteMonitorList([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(end.done()).toBe(true);
  });
});
