import { describe, expect, it } from 'vitest';

import { loginClient, simStarter } from './helpers';
import type { TestClient } from './helpers';

const startSim = simStarter({ burstPauseMs: 20 });

type Row = Record<string, unknown>;

const monitors = [
  { name: 'web', history: 4 },
  { name: 'push', type: 'push', history: 4 },
];

function durations(client: TestClient, id: number): unknown[] {
  const list = client.events.find(
    (e) => e.event === 'heartbeatList' && e.args[0] === String(id),
  );
  return (list?.args[1] as Row[]).map((row) => row.duration);
}

describe('heartbeat rows: the duration column', () => {
  it('2.x stores 0 except for push monitors, as 2.5.3 does', async () => {
    const s = await startSim({ monitors });
    s.beat(1, { status: 1, ping: 12 });
    const client = await loginClient(s);
    expect(durations(client, 1)).toEqual([0, 0, 0, 0, 0]);
    expect(durations(client, 2)).toEqual([0, 20, 20, 20]);

    const beats = (await client.request('getMonitorBeats', 1, 1)) as {
      data: Row[];
    };
    expect(beats.data.map((row) => row.duration)).toEqual([0, 0, 0, 0, 0]);
    const page = (await client.request(
      'monitorImportantHeartbeatListPaged',
      ...[1, 0, 10],
    )) as { data: Row[] };
    expect(page.data.map((row) => row.duration)).toEqual([0]);
  });

  it('counts whole seconds since the previous beat, cut down', async () => {
    const start = Date.now() - 60_000;
    const historyBeats = [0, 20_600, 42_100].map((ms) => ({
      status: 1 as const,
      time: new Date(start + ms),
      ping: 12,
    }));
    const s = await startSim({
      dialect: '1.23',
      monitors: [{ name: 'web', historyBeats }],
    });
    const client = await loginClient(s);
    expect(durations(client, 1)).toEqual([0, 20, 21]);
  });

  it('1.23 stores the seconds since the previous beat on every row', async () => {
    const s = await startSim({ dialect: '1.23', monitors });
    const client = await loginClient(s);
    expect(durations(client, 1)).toEqual([0, 20, 20, 20]);
    expect(durations(client, 2)).toEqual([0, 20, 20, 20]);
  });
});
