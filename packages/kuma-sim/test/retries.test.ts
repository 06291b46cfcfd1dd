import { describe, expect, it } from 'vitest';

import type { SimBeatInput } from '../src/index';
import { loginClient, simStarter } from './helpers';
import type { TestClient } from './helpers';

const startSim = simStarter({ burstPauseMs: 20 });

type Beat = Record<string, unknown>;

// The add payload of the recorded hang check: a server that never answers,
// a 3 s timeout and one retry.
const hangPayload = {
  type: 'http',
  name: 'hang-timeout',
  url: 'http://127.0.0.1:3916/',
  method: 'GET',
  interval: 20,
  retryInterval: 20,
  maxretries: 1,
  timeout: 3,
  notificationIDList: {},
  accepted_statuscodes: ['200-299'],
};
const timedOut = { status: 0 as const, msg: 'timeout of 3000ms exceeded' };

async function beats(
  client: TestClient,
  count: number,
  run: () => void,
): Promise<Beat[]> {
  const from = client.events.length;
  const live = () =>
    client.events
      .slice(from)
      .filter((e) => e.event === 'heartbeat')
      .map((e) => e.args[0] as Beat);
  const last = client.next('heartbeat', () => live().length >= count);
  run();
  await last;
  return live();
}

describe('KumaSim retries', () => {
  it('2.x: failures are PENDING while retries remain, then DOWN', async () => {
    const s = await startSim({ monitors: [{ name: 'a', maxretries: 2 }] });
    const client = await loginClient(s);
    const live = await beats(client, 5, () => {
      for (const status of [0, 0, 0, 0, 1] as const) s.beat(1, { status });
    });
    const picked = live.map(({ status, important, retries }) => ({
      status,
      important,
      retries,
    }));
    expect(picked).toEqual([
      { status: 2, important: false, retries: 1 },
      { status: 2, important: false, retries: 2 },
      { status: 0, important: true, retries: 3 },
      { status: 0, important: false, retries: 4 },
      { status: 1, important: true, retries: 0 },
    ]);
    expect(live[0]?.msg).toBe('connect ECONNREFUSED example.com');
    for (const beat of live.slice(0, 4))
      expect(beat).not.toHaveProperty('ping');
  });

  it('a failure is DOWN at once without retries', async () => {
    const s = await startSim({ dialect: '1.23', monitors: [{ name: 'a' }] });
    const client = await loginClient(s);
    const [beat] = await beats(client, 1, () => s.beat(1, { status: 0 }));
    expect(beat).toMatchObject({ status: 0, important: true });
  });

  it('1.23: a timed-out first check is a PENDING beat without a ping', async () => {
    const s = await startSim({ dialect: '1.23', firstCheck: () => timedOut });
    const client = await loginClient(s);
    const live = await beats(client, 2, () => {
      void client.request('add', hangPayload).then(() => s.beat(1, timedOut));
    });
    const [pending, down] = live;
    expect(pending).toEqual({
      monitorID: 1,
      status: 2,
      time: pending?.time,
      msg: 'timeout of 3000ms exceeded',
      important: true,
      duration: 0,
    });
    expect(down).toMatchObject({ status: 0, important: true });
    expect(down).not.toHaveProperty('ping');
  });

  it('2.x: the same check carries retries and no duration', async () => {
    const s = await startSim({ firstCheck: () => timedOut });
    const client = await loginClient(s);
    const added = client.next('updateMonitorIntoList');
    const live = await beats(client, 2, () => {
      const payload = { ...hangPayload, conditions: [] };
      void client.request('add', payload).then(() => s.beat(1, timedOut));
    });
    expect(live[0]).toEqual({
      monitorID: 1,
      status: 2,
      time: live[0]?.time,
      msg: 'timeout of 3000ms exceeded',
      important: true,
      retries: 1,
    });
    expect(live[1]).toMatchObject({ status: 0, important: true, retries: 2 });
    const [list] = (await added) as [Record<string, Beat>];
    expect(list['1']).toMatchObject({ maxretries: 1, timeout: 3 });
  });

  it('2.x: a down pushed right after maintenance is DOWN, a failed check PENDING', async () => {
    const s = await startSim({
      monitors: [
        { name: 'push', type: 'push', maxretries: 2, history: 0 },
        { name: 'http', maxretries: 2, history: 0 },
      ],
    });
    const afterMaintenance = (id: number, input: SimBeatInput) => {
      s.setMaintenance(id, true);
      s.beat(id, { status: 1, source: input.source });
      s.setMaintenance(id, false);
      return s.beat(id, input);
    };
    const pushed = afterMaintenance(1, { status: 0, source: 'push' });
    const checked = afterMaintenance(2, { status: 0 });
    expect(pushed).toMatchObject({ status: 0, important: true });
    expect(checked).toMatchObject({ status: 2, important: false });
  });

  it('2.x: a down pushed without retries restarts the count at 0', async () => {
    const s = await startSim({
      monitors: [
        { name: 'first', type: 'push', history: 0 },
        { name: 'push', type: 'push', history: 0 },
        { name: 'http', history: 0 },
      ],
    });
    const run = (id: number, source: SimBeatInput['source']) =>
      ([1, 0, 0] as const).map((status) => s.beat(id, { status, source }));
    const retries = (beats: Beat[]) => beats.map((beat) => beat.retries);
    expect(s.beat(1, { status: 0, source: 'push' })).toMatchObject({
      status: 0,
      retries: 0,
    });
    expect(retries(run(2, 'push'))).toEqual([0, 0, 1]);
    expect(retries(run(3, 'check'))).toEqual([0, 1, 2]);
  });

  it('3.0: a down pushed is DOWN at once with retries 0', async () => {
    const s = await startSim({
      dialect: '3.0',
      monitors: [{ name: 'push', type: 'push', maxretries: 2, history: 0 }],
    });
    const beats = ([1, 0, 0] as const).map((status) =>
      s.beat(1, { status, source: 'push' }),
    );
    expect(beats.map(({ status, retries }) => ({ status, retries }))).toEqual([
      { status: 1, retries: 0 },
      { status: 0, retries: 0 },
      { status: 0, retries: 0 },
    ]);
  });

  it('keeps PENDING beats out of 1.23 avgPing: they have no ping', async () => {
    const s = await startSim({
      dialect: '1.23',
      monitors: [
        { name: 'up', ping: 20, history: 5, maxretries: 1 },
        { name: 'pending', status: 2, history: 3 },
      ],
    });
    const client = await loginClient(s);
    const [, rows] = (await client.seen('heartbeatList')) as [string, Beat[]];
    expect(rows.map((row) => row.ping)).not.toContain(null);
    const pending = client.events.filter((e) => e.event === 'heartbeatList')[1]
      ?.args[1] as Beat[];
    expect(pending.map((row) => row.ping)).toEqual([null, null, null]);

    const avg = client.next('avgPing');
    const [beat] = await beats(client, 1, () => s.beat(1, { status: 0 }));
    expect(beat).toMatchObject({ status: 2 });
    expect(await avg).toEqual([1, 20]);
  });
});
