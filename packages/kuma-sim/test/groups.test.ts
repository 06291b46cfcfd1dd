import { describe, expect, it } from 'vitest';

import { loginClient, simStarter } from './helpers';

const startSim = simStarter({ burstPauseMs: 20 });

type MonitorList = Record<string, Record<string, unknown>>;

// 1: group "media" > 2: group "tv" > 3: "sonarr"; 4: "plex" outside.
const monitors = [
  { name: 'media', type: 'group' },
  { name: 'tv', type: 'group', parent: 1 },
  { name: 'sonarr', parent: 2 },
  { name: 'plex' },
];

describe.each(['1.23', '2.x'] as const)('KumaSim groups (%s)', (dialect) => {
  it('computes active, path and children through the groups', async () => {
    const s = await startSim({ dialect, monitors });
    const client = await loginClient(s);
    const list = client.next('monitorList');
    s.pauseMonitor(1);
    if (dialect !== '1.23') await client.request('getMonitorList');
    const [payload] = (await list) as [MonitorList];
    expect(payload['1']).toMatchObject({
      active: false,
      forceInactive: false,
      childrenIDs: [2, 3],
    });
    expect(payload['3']).toMatchObject({
      parent: 2,
      active: false,
      forceInactive: true,
      childrenIDs: [],
      pathName: 'media / tv / sonarr',
    });
    if (dialect !== '1.23') {
      expect(payload['3']?.path).toEqual(['media', 'tv', 'sonarr']);
    }
    expect(payload['4']).toMatchObject({
      active: true,
      forceInactive: false,
    });
  });
});

describe('KumaSim group pushes', () => {
  it('2.x pushes only the group on pause and resume', async () => {
    const s = await startSim({ monitors });
    const client = await loginClient(s);
    const from = client.events.length;
    const paused = client.next('updateMonitorIntoList');
    s.pauseMonitor(1);
    await paused;
    const resumed = client.next('updateMonitorIntoList');
    s.resumeMonitor(1);
    await resumed;
    const updates = client.events
      .slice(from)
      .filter((e) => e.event === 'updateMonitorIntoList')
      .map((e) => Object.keys(e.args[0] as MonitorList));
    expect(updates).toEqual([['1'], ['1']]);
  });

  it('2.x announces the unlinked children of a deleted group first', async () => {
    const s = await startSim({ monitors });
    const client = await loginClient(s);
    const deleted = client.next('deleteMonitorFromList');
    const [, ack] = await Promise.all([
      client.next('updateMonitorIntoList'),
      client.request('deleteMonitor', 2, false),
    ]);
    expect(ack).toMatchObject({ ok: true });
    await deleted;
    const update = client.events.find(
      (e) => e.event === 'updateMonitorIntoList',
    );
    expect(update?.args[0]).toMatchObject({
      '3': { parent: null, pathName: 'sonarr', active: true },
    });
  });
});
