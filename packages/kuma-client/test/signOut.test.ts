import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { getSession, signInByHand } from './helpers/httpSession';
import { describeDialects, reachState } from './helpers/matrix';
import { recordingLogger } from './helpers/recordingLogger';

describeDialects(
  'sign-out on close',
  ({ startSim, client }) => {
    it('ends the session the client signed in to', async () => {
      const sim = await startSim();
      const kuma = client(sim);
      await kuma.connect();
      const [cookie] = sim.sessionCookies();
      expect(await getSession(sim.url, cookie ?? '')).not.toBeNull();
      await kuma.close();
      expect(sim.counters.signOut).toBe(1);
      expect(sim.sessionCookies()).toEqual([]);
      expect(await getSession(sim.url, cookie ?? '')).toBeNull();
    });

    it('leaves a given sessionCookie signed in', async () => {
      const sim = await startSim();
      const cookie = await signInByHand(sim.url);
      const kuma = client(sim, { sessionCookie: cookie });
      await kuma.connect();
      await kuma.close();
      expect(sim.counters.signOut).toBe(0);
      expect(await getSession(sim.url, cookie)).not.toBeNull();
    });

    it('ends its own session after replacing an expired given cookie', async () => {
      const sim = await startSim();
      const given = await signInByHand(sim.url);
      sim.expireSessions();
      const kuma = client(sim, { sessionCookie: given });
      await kuma.connect();
      expect(sim.sessionCookies()).toHaveLength(1);
      await kuma.close();
      expect(sim.counters).toMatchObject({ signIn: 2, signOut: 1 });
      expect(sim.sessionCookies()).toEqual([]);
    });

    it('ends a session whose sign-in finished after close()', async () => {
      const sim = await startSim();
      const kuma = client(sim);
      const connecting = kuma.connect();
      await reachState(kuma, 'authenticating');
      await kuma.close();
      await expect(connecting).rejects.toMatchObject({ code: 'CLOSED' });
      await expect.poll(() => sim.sessionCookies()).toEqual([]);
      await sleep(100);
      expect(sim.counters).toMatchObject({ signIn: 1, connections: 0 });
    });

    it('waits no longer than timeouts.signOut for a hung Kuma', async () => {
      const sim = await startSim();
      const lines: string[] = [];
      const kuma = client(sim, {
        logger: recordingLogger(lines),
        timeouts: { signOut: 300 },
      });
      await kuma.connect();
      sim.setResponding(false);
      const started = Date.now();
      await kuma.close();
      expect(Date.now() - started).toBeLessThan(1500);
      expect(sim.sessionCookies()).toHaveLength(1);
      expect(lines.join('\n')).toMatch(/"code":"TIMEOUT".*sign-out failed/);
    });

    it('closes at once when Kuma is gone', async () => {
      const sim = await startSim();
      const lines: string[] = [];
      const kuma = client(sim, { logger: recordingLogger(lines) });
      await kuma.connect();
      await sim.close();
      await expect(kuma.close()).resolves.toBeUndefined();
      expect(kuma.state).toBe('closed');
      expect(lines.join('\n')).toMatch(/"code":"CONNECT_FAILED".*sign-out/);
    });
  },
  ['3.0'],
);
