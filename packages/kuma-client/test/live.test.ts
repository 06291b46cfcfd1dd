import { expect, it } from 'vitest';
import type { KumaHeartbeat, KumaMonitor, MonitorStats } from '../src/index';
import { describeDialects } from './helpers/matrix';

function collect<T>(register: (push: (value: T) => void) => void): T[] {
  const values: T[] = [];
  register((value) => values.push(value));
  return values;
}

describeDialects('live updates', ({ dialect, startSim, client }) => {
  it('emits live beats and their stats, and keeps them ordered', async () => {
    const sim = await startSim({ monitors: [{ name: 'plex', history: 5 }] });
    const kuma = client(sim);
    await kuma.connect();
    const beats = collect<KumaHeartbeat>((push) => kuma.on('heartbeat', push));
    const stats = collect<MonitorStats>((push) =>
      kuma.on('stats', (_id, s) => push(s)),
    );

    sim.beat(1, { status: 0, msg: 'boom' });
    await expect.poll(() => beats.length).toBe(1);

    expect(beats[0]).toMatchObject({
      monitorId: 1,
      status: 0,
      msg: 'boom',
      ping: null,
      important: true,
    });
    expect(kuma.latestBeat(1)).toEqual(beats[0]);
    expect(kuma.beats(1)).toHaveLength(6);
    await expect.poll(() => stats.at(-1)?.uptime['30d']).toBeLessThan(1);
    const windows = Object.keys(kuma.stats(1)!.uptime).sort();
    expect(windows).toEqual(
      dialect === '1.23' ? ['24h', '30d'] : ['1y', '24h', '30d'],
    );
  });

  it('caps beats per monitor', async () => {
    const sim = await startSim({ monitors: [{ name: 'plex', history: 30 }] });
    const kuma = client(sim, { maxBeatsPerMonitor: 10 });
    await kuma.connect();
    expect(kuma.beats(1)).toHaveLength(10);
    sim.beat(1, { status: 1, ping: 7 });
    await expect.poll(() => kuma.latestBeat(1)?.ping).toBe(7);
    expect(kuma.beats(1)).toHaveLength(10);
  });

  it('applies monitor additions, edits, pauses and deletes', async () => {
    const sim = await startSim({
      monitors: [{ name: 'plex' }, { name: 'radarr' }],
    });
    const kuma = client(sim);
    await kuma.connect();
    const lists = collect<readonly KumaMonitor[]>((push) =>
      kuma.on('monitors', push),
    );

    const id = sim.addMonitor({
      name: 'sonarr',
      tags: [{ name: 'media', value: 'tv' }],
    });
    await expect.poll(() => kuma.monitor(id)?.name).toBe('sonarr');
    expect(kuma.monitor(id)?.tags).toMatchObject([
      { name: 'media', value: 'tv' },
    ]);

    sim.editMonitor(1, { name: 'plex2' });
    await expect.poll(() => kuma.monitor(1)?.name).toBe('plex2');

    sim.pauseMonitor(2);
    await expect.poll(() => kuma.monitor(2)?.active).toBe(false);
    sim.resumeMonitor(2);
    await expect.poll(() => kuma.monitor(2)?.active).toBe(true);

    sim.deleteMonitor(1);
    await expect.poll(() => kuma.monitor(1)).toBeUndefined();
    expect(kuma.beats(1)).toEqual([]);
    expect(kuma.stats(1)).toBeUndefined();
    expect(lists.at(-1)?.map((m) => m.name)).toEqual(['radarr', 'sonarr']);
  });

  it('reports maintenance as status 3 beats', async () => {
    const sim = await startSim({ monitors: [{ name: 'plex' }] });
    const kuma = client(sim);
    await kuma.connect();
    sim.setMaintenance(1, true);
    sim.beat(1, { status: 3 });
    await expect.poll(() => kuma.latestBeat(1)?.status).toBe(3);
    expect(kuma.latestBeat(1)?.msg).toBe('Monitor under maintenance');
  });

  it('parses certificate info pushed as a JSON string', async () => {
    const validTo = new Date('2027-01-02T16:13:07.000Z');
    const cert = { daysRemaining: 29, valid: true, validTo, issuer: 'R11' };
    const sim = await startSim({
      monitors: [{ name: 'plex', url: 'https://plex.example', cert }],
    });
    const kuma = client(sim);
    await kuma.connect();
    expect(kuma.stats(1)?.cert).toMatchObject({
      daysRemaining: 29,
      valid: true,
      validTo,
      issuer: 'R11',
    });
  });

  it('pauses and resumes through request helpers', async () => {
    const sim = await startSim({ monitors: [{ name: 'plex' }] });
    const kuma = client(sim);
    await kuma.connect();
    await kuma.pauseMonitor(1);
    await expect.poll(() => kuma.monitor(1)?.active).toBe(false);
    await kuma.resumeMonitor(1);
    await expect.poll(() => kuma.monitor(1)?.active).toBe(true);
  });

  it('adds, reads beats of and deletes a monitor through requests', async () => {
    const sim = await startSim({ monitors: [{ name: 'plex', history: 4 }] });
    const kuma = client(sim);
    await kuma.connect();
    const id = await kuma.addMonitor({
      name: 'tmp',
      url: 'http://127.0.0.1:9/',
    });
    expect(sim.monitorIds()).toContain(id);
    await expect.poll(() => kuma.monitor(id)?.name).toBe('tmp');
    const beats = await kuma.getMonitorBeats(1, 24);
    expect(beats.length).toBeGreaterThan(0);
    expect(beats.every((b) => b.monitorId === 1)).toBe(true);
    await kuma.deleteMonitor(id);
    await expect.poll(() => kuma.monitor(id)).toBeUndefined();
  });

  it('resync() fetches a fresh monitor list', async () => {
    const sim = await startSim({ monitors: [{ name: 'plex' }] });
    const kuma = client(sim);
    await kuma.connect();
    const lists = collect<readonly KumaMonitor[]>((push) =>
      kuma.on('monitors', push),
    );
    await kuma.resync();
    expect(lists).toHaveLength(1);
    expect(lists[0]?.map((m) => m.name)).toEqual(['plex']);
  });

  it('returns important beats oldest first (1.23 push, 2.x request)', async () => {
    const sim = await startSim({ monitors: [{ name: 'plex', history: 5 }] });
    const kuma = client(sim);
    await kuma.connect();
    sim.beat(1, { status: 0, msg: 'down' });
    await expect.poll(() => kuma.latestBeat(1)?.status).toBe(0);
    const important = await kuma.getImportantBeats(1);
    expect(important.length).toBeGreaterThanOrEqual(2);
    expect(important.every((b) => b.important)).toBe(true);
    expect(important.at(-1)).toMatchObject({ status: 0, msg: 'down' });
    const times = important.map((b) => b.time.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(await kuma.getImportantBeats(1, { limit: 1 })).toEqual([
      important.at(-1),
    ]);
    for (const limit of [0, -1, Number.NaN]) {
      expect(await kuma.getImportantBeats(1, { limit })).toEqual([]);
    }
  });
});
