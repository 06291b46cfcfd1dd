import { io } from 'socket.io-client';
import { expect, it } from 'vitest';
import type { KumaClientError } from '../src/index';
import { signInByHand } from './helpers/httpSession';
import { describeDialects, PASSWORD, reachState } from './helpers/matrix';
import { recordingLogger } from './helpers/recordingLogger';

describeDialects(
  'session cookie',
  ({ startSim, client }) => {
    const monitors = [{ name: 'plex' }, { name: 'radarr' }];

    it('reconnects after a restart with the kept cookie, no new sign-in', async () => {
      const sim = await startSim({ monitors });
      const kuma = client(sim);
      await kuma.connect();
      expect(kuma.serverVersion).toBe('3.0.0-beta.0');
      const ready = reachState(kuma, 'ready');
      await sim.restart({ downMs: 100 });
      await ready;
      expect(sim.counters).toMatchObject({ signIn: 1, connections: 2 });
      expect(kuma.monitors()).toHaveLength(2);
    });

    it('completes a burst that no initServerTimezone closes', async () => {
      const sim = await startSim({ monitors });
      // Another client answered the timezone question: bursts then end
      // with the last stats, and nothing marks the end.
      const other = io(sim.url, { transports: ['websocket'], forceNew: true });
      other.emit('initServerTimezone', 'UTC');
      await other.timeout(2000).emitWithAck('needSetup');
      other.close();
      const kuma = client(sim, { timeouts: { sync: 1000 } });
      await kuma.connect();
      expect(kuma.monitors()).toHaveLength(2);
      expect(kuma.stats(2)?.uptime).toHaveProperty('30d');
    });

    it('signs in exactly once more when the session has expired', async () => {
      const sim = await startSim({ monitors });
      const kuma = client(sim);
      await kuma.connect();
      sim.expireSessions();
      const ready = reachState(kuma, 'ready');
      await sim.restart();
      await ready;
      // The old cookie got loginRequired, then one sign-in, one new socket.
      expect(sim.counters).toMatchObject({ signIn: 2, connections: 3 });
    });

    it('uses a given sessionCookie without signing in', async () => {
      const sim = await startSim({ monitors });
      const cookie = await signInByHand(sim.url);
      const kuma = client(sim, {
        username: undefined,
        password: undefined,
        sessionCookie: `better-auth.session_token=${cookie}`,
      });
      await kuma.connect();
      expect(kuma.monitors()).toHaveLength(2);
      expect(sim.counters.signIn).toBe(1);
    });

    it('rejects an expired sessionCookie without password as SESSION_EXPIRED', async () => {
      const sim = await startSim();
      const cookie = await signInByHand(sim.url);
      sim.expireSessions();
      const kuma = client(sim, {
        username: undefined,
        password: undefined,
        sessionCookie: cookie,
      });
      await expect(kuma.connect()).rejects.toMatchObject({
        code: 'SESSION_EXPIRED',
      });
    });

    it('reports HTTP 429 as RATE_LIMITED with the wait Kuma asked for', async () => {
      const sim = await startSim({
        signInRateLimit: { max: 1, windowMs: 10_000 },
      });
      await expect(
        client(sim, { password: 'nope' }).connect(),
      ).rejects.toMatchObject({
        code: 'INVALID_CREDENTIALS',
      });
      const error = await client(sim)
        .connect()
        .catch((e: unknown) => e as KumaClientError);
      expect(error).toMatchObject({ code: 'RATE_LIMITED', event: 'sign-in' });
      expect(error?.retryAfterMs).toBeGreaterThanOrEqual(9000);
    });

    it('backs off a rate-limited reconnect as long as Kuma asks', async () => {
      const sim = await startSim({
        monitors,
        signInRateLimit: { max: 1, windowMs: 1500 },
      });
      const lines: string[] = [];
      const kuma = client(sim, { logger: recordingLogger(lines) });
      await kuma.connect();
      sim.expireSessions();
      const errors: KumaClientError[] = [];
      kuma.on('error', (error) => errors.push(error));
      const started = Date.now();
      await sim.restart();
      await reachState(kuma, 'ready');
      const limited = errors.find((e) => e.code === 'RATE_LIMITED');
      expect(limited?.retryAfterMs).toBeGreaterThanOrEqual(1000);
      // The policy alone would retry after 50 ms.
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(lines.join('\n')).toMatch(/"delay":[1-9]\d{3}\b/);
      expect(sim.counters.signIn).toBe(3);
    });

    it('never logs the session cookie or the password', async () => {
      const sim = await startSim({ monitors });
      const cookie = await signInByHand(sim.url);
      const lines: string[] = [];
      const kuma = client(sim, {
        sessionCookie: cookie,
        logger: recordingLogger(lines),
      });
      await kuma.connect();
      sim.expireSessions();
      const ready = reachState(kuma, 'ready');
      await sim.restart();
      await ready;
      expect(sim.counters.signIn).toBe(2);
      expect(lines.length).toBeGreaterThan(5);
      const text = lines.join('\n');
      const token = decodeURIComponent(cookie).split('.')[0] ?? '';
      for (const secret of [cookie, token, PASSWORD]) {
        expect(text).not.toContain(secret);
      }
      expect(JSON.stringify(kuma)).not.toContain(token);
    });
  },
  ['3.0'],
);
