import { expect, it } from 'vitest';
import { describeDialects } from './helpers/matrix';

const group = { name: 'media', type: 'group' };
const members = [{ name: 'plex', parent: 1 }, { name: 'sonarr' }];
const monitors = [group, ...members];

describeDialects('groups', ({ startSim, client }) => {
  it("follows a group's pause and resume in its children", async () => {
    const sim = await startSim({ monitors });
    const kuma = client(sim);
    await kuma.connect();
    expect(kuma.monitor(2)).toMatchObject({
      parent: 1,
      active: true,
      pathName: 'media / plex',
    });

    await kuma.pauseMonitor(1);
    await expect.poll(() => kuma.monitor(2)?.active).toBe(false);
    expect(kuma.monitor(1)?.active).toBe(false);
    expect(kuma.monitor(3)?.active).toBe(true);

    await kuma.resumeMonitor(1);
    await expect.poll(() => kuma.monitor(2)?.active).toBe(true);
    expect(kuma.monitor(1)?.active).toBe(true);
  });

  it('reports the children of a paused group inactive', async () => {
    const paused = { ...group, active: false };
    const sim = await startSim({ monitors: [paused, ...members] });
    const kuma = client(sim);
    await kuma.connect();
    expect(kuma.monitor(2)?.active).toBe(false);
    sim.resumeMonitor(1);
    await expect.poll(() => kuma.monitor(2)?.active).toBe(true);
  });
});
