import { afterEach, describe, expect, it } from 'vitest';
import { KumaClient } from '../src/index';
import type {
  KumaClientOptions,
  KumaHeartbeat,
  StateChange,
} from '../src/index';
import type { ScriptedServer } from './helpers/scriptedServer';
import {
  replayCapture,
  SCRIPTED_COOKIE,
  startScripted,
} from './helpers/scriptedServer';

/*
 * The client against recorded traffic: a server that replays the captures of
 * real Kuma 2.5.3 and 1.23.16, request by request.
 */

let server: ScriptedServer | undefined;
let client: KumaClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

function newClient(url: string, extra: Partial<KumaClientOptions> = {}) {
  client = new KumaClient({
    url,
    username: 'admin',
    password: 'secret',
    timeouts: { loginGrace: 150, sync: 3000 },
    ...extra,
  });
  return client;
}

describe('replayed 2.5.3 password login', () => {
  it('syncs the whole burst and ends on the login ack', async () => {
    server = await startScripted(replayCapture('2.5.3/login-password'));
    const kuma = newClient(server.url);
    const states: StateChange[] = [];
    kuma.on('state', (change) => states.push(change));

    await kuma.connect();

    expect(states.map((s) => s.to)).toEqual([
      'connecting',
      'authenticating',
      'syncing',
      'ready',
    ]);
    expect(kuma.dialect).toBe('2.x');
    expect(kuma.serverVersion).toBe('2.5.3');
    expect(kuma.monitors().map((m) => m.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(kuma.beats(1)).toHaveLength(39);
    expect(kuma.latestBeat(2)).toMatchObject({ status: 0, monitorId: 2 });
    expect(kuma.stats(5)?.uptime).toEqual({
      '24h': 0.15384615384615385,
      '30d': 0.15384615384615385,
      '1y': 0.15384615384615385,
    });
    expect(kuma.stats(6)?.cert).toMatchObject({ daysRemaining: 29 });
    const login = server.received.find((r) => r.event === 'login');
    expect(login?.args).toEqual([{ username: 'admin', password: 'secret' }]);
    expect(server.received.map((r) => r.event)).not.toContain(
      'initServerTimezone',
    );
  });

  it('emits live beats and stats after the sync, ordered', async () => {
    server = await startScripted(
      replayCapture('2.5.3/login-password', { live: true }),
    );
    const kuma = newClient(server.url);
    const beats: KumaHeartbeat[] = [];
    kuma.on('heartbeat', (beat) => beats.push(beat));
    const statsEvents: number[] = [];
    kuma.on('stats', (id) => statsEvents.push(id));

    await kuma.connect();
    await expect.poll(() => beats.length).toBe(25);

    const transitions = beats.filter((b) => b.monitorId === 5 && b.important);
    expect(transitions.map((b) => b.status)).toEqual([1, 0]);
    expect(kuma.beats(5).at(-1)).toEqual(
      beats.filter((b) => b.monitorId === 5).at(-1),
    );
    const times = kuma.beats(1).map((b) => b.time.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(statsEvents.length).toBeGreaterThan(25 * 4);
  });
});

describe('replayed 1.23.16 password login', () => {
  it('waits for the barrier: ack first, then lists and stats', async () => {
    server = await startScripted(replayCapture('1.23.16/login-password'));
    const kuma = newClient(server.url);

    await kuma.connect();

    expect(kuma.dialect).toBe('1.23');
    expect(kuma.serverVersion).toBe('1.23.16');
    expect(kuma.monitors()).toHaveLength(7);
    expect(kuma.stats(7)).toMatchObject({
      avgPing: null,
      uptime: { '24h': 0, '30d': 0 },
    });
    const important = await kuma.getImportantBeats(2);
    expect(important).toHaveLength(1);
    expect(important[0]).toMatchObject({ important: true, status: 0 });
  });
});

describe('replayed token logins', () => {
  it.each(['2.5.3/login-token', '1.23.16/login-token'])(
    '%s uses loginByToken and never the password',
    async (name) => {
      server = await startScripted(replayCapture(name));
      const kuma = newClient(server.url, { token: 'a.b.c' });
      await kuma.connect();
      const events = server.received.map((r) => r.event);
      expect(events).toEqual(['loginByToken']);
      expect(kuma.monitors().length).toBeGreaterThan(5);
    },
  );
});

describe('replayed 3.0 cookie sign-in', () => {
  it('signs in over HTTP, connects with the cookie, ends without an ack', async () => {
    server = await startScripted(replayCapture('3.0/login-cookie'), {
      kuma30: true,
    });
    // A secret is given, but the server never asks for a code.
    const kuma = newClient(server.url, {
      totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    });
    await kuma.connect();

    expect(kuma.dialect).toBe('3.0');
    expect(server.http.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/auth/ok',
      'POST /api/auth/sign-in/username',
    ]);
    expect(kuma.serverVersion).toBe('3.0.0-beta.0');
    expect(kuma.monitors().map((m) => m.id)).toEqual([1, 2, 3]);
    expect(kuma.beats(3)).toEqual([]);
    expect(kuma.stats(1)?.uptime).toHaveProperty('1y');
    const signIn = server.http.find((r) => r.method === 'POST');
    expect(signIn).toMatchObject({
      path: '/api/auth/sign-in/username',
      headers: { origin: server.url },
    });
    expect(signIn?.headers).not.toHaveProperty('cookie');
    expect(server.handshakeCookies).toEqual([
      `better-auth.session_token=${SCRIPTED_COOKIE}`,
    ]);
    const sent = server.received.map((r) => r.event);
    for (const event of ['login', 'loginByToken', 'initServerTimezone']) {
      expect(sent).not.toContain(event);
    }
  });

  it('names what never arrived when a 3.0 burst stalls', async () => {
    const monitor = {
      id: 1,
      name: 'm1',
      type: 'http',
      active: true,
      interval: 20,
    };
    server = await startScripted(
      (socket) => {
        socket.emit('info', {});
        socket.emit('session', 'admin');
        socket.emit('monitorList', {
          '1': monitor,
          '2': { ...monitor, id: 2 },
        });
        socket.emit('heartbeatList', '1', [], false);
      },
      { kuma30: true },
    );
    client = new KumaClient({
      url: server.url,
      username: 'admin',
      password: 'secret',
      timeouts: { sync: 300 },
    });
    await expect(client.connect()).rejects.toMatchObject({
      code: 'SYNC_TIMEOUT',
      missing: [
        'heartbeatList for monitor 2',
        'avgPing for monitors 1, 2',
        'uptime for monitors 1, 2',
      ],
    });
  });
});
