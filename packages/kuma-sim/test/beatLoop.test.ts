import { afterEach, describe, expect, it } from 'vitest';

import { startBeatLoop } from '../src/index';
import { loginClient, simStarter } from './helpers';

const startSim = simStarter({ burstPauseMs: 20 });
let stop: (() => void) | undefined;

afterEach(() => {
  stop?.();
  stop = undefined;
});

// Random draws in the order the loop takes them, then 0.99 (healthy).
function draws(values: number[]): () => number {
  let next = 0;
  return () => values[next++] ?? 0.99;
}

describe('startBeatLoop', () => {
  it('an outage is PENDING while retries remain, then DOWN, without pings', async () => {
    const interval = 0.05;
    const s = await startSim({
      monitors: [{ name: 'a', interval, maxretries: 1, history: 0 }],
    });
    const client = await loginClient(s);
    const from = client.events.length;
    const fourth = client.next('heartbeat', () => {
      const all = client.events.slice(from);
      return all.filter((e) => e.event === 'heartbeat').length >= 4;
    });
    stop = startBeatLoop(s, {
      monitors: [{ id: 1, interval }],
      // fail (a timeout), fail again (refused), recover with ping 68.
      random: draws([0, 0.9, 0.9, 0.1, 0.1, 0.5]),
    });
    await fourth;

    const live = client.events
      .slice(from)
      .filter((e) => e.event === 'heartbeat')
      .map((e) => e.args[0] as Record<string, unknown>)
      .map(({ status, msg, ping }) => ({ status, msg, ping }));
    expect(live.slice(0, 3)).toEqual([
      { status: 2, msg: 'timeout of 40ms exceeded', ping: undefined },
      { status: 0, msg: 'connect ECONNREFUSED example.com', ping: undefined },
      { status: 1, msg: '200 - OK', ping: 68 },
    ]);
  });

  it('checks again after retryInterval while PENDING, after interval otherwise', async () => {
    const s = await startSim({
      monitors: [{ name: 'a', interval: 0.6, maxretries: 2, history: 0 }],
    });
    const client = await loginClient(s);
    const from = client.events.length;
    const live = () =>
      client.events
        .slice(from)
        .filter((e) => e.event === 'heartbeat')
        .map((e) => e.args[0] as { status: number; time: string });
    const fourth = client.next('heartbeat', () => live().length >= 4);
    stop = startBeatLoop(s, {
      monitors: [{ id: 1, interval: 0.6, retryInterval: 0.05 }],
      // fail (refused), fail again (refused), recover.
      random: draws([0, 0.9, 0.9, 0.9, 0.1, 0.5]),
    });
    await fourth;

    const beats = live().slice(0, 4);
    expect(beats.map((beat) => beat.status)).toEqual([2, 2, 1, 1]);
    const times = beats.map((beat) => Date.parse(`${beat.time}Z`));
    const gaps = times.slice(1).map((time, i) => time - (times[i] ?? 0));
    expect(gaps[0]).toBeLessThan(300);
    expect(gaps[1]).toBeLessThan(300);
    expect(gaps[2]).toBeGreaterThanOrEqual(550);
  });

  it('checks one interval after the seeded history ends, not two', async () => {
    const s = await startSim({
      dialect: '1.23',
      monitors: [{ name: 'a', interval: 20, history: 5 }],
    });
    const client = await loginClient(s);
    const first = client.next('heartbeat');
    const startedAt = Date.now();
    stop = startBeatLoop(s, { monitors: [{ id: 1, interval: 20 }] });
    const [beat] = (await first) as [{ duration: number }];
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(beat.duration).toBe(20);
    const rows = (await client.request('getMonitorBeats', 1, 1)) as {
      data: { duration: number }[];
    };
    expect(rows.data.map((row) => row.duration)).toEqual([
      0, 20, 20, 20, 20, 20,
    ]);
  });
});
