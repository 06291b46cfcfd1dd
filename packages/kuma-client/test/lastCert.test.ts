import { expect, it } from 'vitest';
import { describeDialects } from './helpers/matrix';

const cert = {
  daysRemaining: 29,
  valid: true,
  validTo: new Date('2027-01-02T16:13:07.000Z'),
  issuer: 'R11',
};

// The https monitor comes last: on 1.23 nothing follows its certInfo but
// initServerTimezone, and only while the server's timezone is unset.
const monitors = [
  { name: 'plex' },
  { name: 'radarr' },
  { name: 'vault', url: 'https://vault.example', cert },
];

describeDialects('the end of the burst', ({ startSim, client }) => {
  it("has the last monitor's certificate once connect() resolves", async () => {
    const sim = await startSim({ monitors, burstPauseMs: 20 });
    const kuma = client(sim);
    await kuma.connect();
    expect(kuma.stats(3)?.cert).toMatchObject({ issuer: 'R11' });
  });

  it('has it too when no initServerTimezone closes the burst', async () => {
    const sim = await startSim({
      monitors,
      burstPauseMs: 20,
      timezoneSet: true,
    });
    const kuma = client(sim);
    await kuma.connect();
    expect(kuma.stats(3)?.cert).toMatchObject({ issuer: 'R11' });
  });
});
