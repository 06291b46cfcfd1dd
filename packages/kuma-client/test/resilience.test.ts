import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { KumaClient, KumaClientError } from '../src/index';
import type { KumaConnectionState } from '../src/index';
import { describeDialects, nextError, reachState } from './helpers/matrix';
import type { ScriptedServer } from './helpers/scriptedServer';
import { startScripted } from './helpers/scriptedServer';

describeDialects('resilience', ({ startSim, client, passwordAuth }) => {
  it('reconnects after a restart without the password, replacing the snapshot', async () => {
    const sim = await startSim({
      monitors: [{ name: 'plex' }, { name: 'radarr' }],
    });
    const kuma = client(sim);
    await kuma.connect();
    const states: KumaConnectionState[] = [];
    kuma.on('state', ({ to }) => states.push(to));
    const errors: KumaClientError[] = [];
    kuma.on('error', (error) => errors.push(error));
    const staleBeats = kuma.beats(1);

    const ready = reachState(kuma, 'ready');
    const restarted = sim.restart({ downMs: 300 });
    await reachState(kuma, 'reconnecting');
    sim.deleteMonitor(2);
    sim.beat(1, { status: 0, msg: 'while away' });
    await restarted;
    await ready;

    // 1.23/2.x reconnect by token, 3.0 with the kept session cookie.
    const reconnectByToken = passwordAuth.login === 1 ? 1 : 0;
    expect(sim.counters).toMatchObject({
      ...passwordAuth,
      loginByToken: reconnectByToken,
    });
    expect(kuma.monitors().map((m) => m.name)).toEqual(['plex']);
    expect(kuma.stats(2)).toBeUndefined();
    expect(kuma.latestBeat(1)?.msg).toBe('while away');
    expect(kuma.beats(1)).not.toBe(staleBeats);
    expect(states).toContain('reconnecting');
    expect(states.at(-1)).toBe('ready');
    expect(errors[0]?.code).toBe('DISCONNECTED');
  });

  it('reports malformed payloads as PROTOCOL errors and survives', async () => {
    const sim = await startSim({ monitors: [{ name: 'plex' }] });
    const kuma = client(sim);
    await kuma.connect();
    const error = nextError(kuma);
    sim.injectMalformed('heartbeat', [{ monitorID: 'x' }]);
    expect(await error).toMatchObject({ code: 'PROTOCOL', event: 'heartbeat' });

    const second = nextError(kuma);
    sim.injectMalformed('certInfo', [1, '{not json']);
    expect((await second).event).toBe('certInfo');

    sim.beat(1, { status: 1, ping: 42 });
    await expect.poll(() => kuma.latestBeat(1)?.ping).toBe(42);
    expect(kuma.state).toBe('ready');
  });

  it('logs instead of throwing when nobody listens to errors', async () => {
    const sim = await startSim({ monitors: [{ name: 'plex' }] });
    const logged: unknown[] = [];
    const logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (obj: object) => logged.push(obj),
    };
    const kuma = client(sim, { logger });
    await kuma.connect();
    sim.injectMalformed('uptime', ['one', 24, 'high']);
    await expect.poll(() => logged.length).toBe(1);
    expect(kuma.state).toBe('ready');
  });

  it('times out requests the server never answers', async () => {
    const sim = await startSim({ monitors: [{ name: 'plex' }] });
    const kuma = client(sim, { timeouts: { request: 200 } });
    await kuma.connect();
    sim.setResponding(false);
    await expect(kuma.pauseMonitor(1)).rejects.toMatchObject({
      code: 'TIMEOUT',
      event: 'pauseMonitor',
    });
  });

  it('closes after the retry policy gives up', async () => {
    const sim = await startSim();
    const kuma = client(sim, { retry: () => null });
    await kuma.connect();
    const error = nextError(kuma);
    const closed = reachState(kuma, 'closed');
    await sim.close();
    await closed;
    expect((await error).code).toBe('DISCONNECTED');
  });

  it('rejects a pending connect() with CLOSED when closed', async () => {
    const sim = await startSim();
    const kuma = client(sim);
    const connecting = kuma.connect();
    await reachState(kuma, 'authenticating');
    await kuma.close();
    await expect(connecting).rejects.toMatchObject({ code: 'CLOSED' });
    expect(kuma.state).toBe('closed');
  });

  it('starts no sign-in and no socket after close() while detecting the server', async () => {
    const sim = await startSim();
    const kuma = client(sim);
    const connecting = kuma.connect();
    await kuma.close();
    await expect(connecting).rejects.toMatchObject({ code: 'CLOSED' });
    await sleep(100);
    expect(sim.counters).toMatchObject({
      connections: 0,
      login: 0,
      signIn: 0,
      signOut: 0,
    });
  });
});

let server: ScriptedServer | undefined;
let kuma: KumaClient | undefined;
afterEach(async () => {
  await kuma?.close();
  await server?.close();
  kuma = server = undefined;
});

const monitor = (id: number) => ({
  id,
  name: `m${id}`,
  type: 'http',
  active: true,
  interval: 20,
});

it('1.23 sync timeout names the lists that never arrived', async () => {
  server = await startScripted((socket) => {
    socket.emit('info', {});
    socket.on('login', (_data, ack: (r: unknown) => void) => {
      ack({ ok: true, token: 'a.b.c' });
      socket.emit('monitorList', { '3': monitor(3), '5': monitor(5) });
      socket.emit('heartbeatList', '3', [], false);
      for (const id of ['3', '5']) {
        socket.emit('avgPing', id, 10);
        socket.emit('uptime', id, 24, 1);
      }
      socket.emit('uptime', '3', 720, 1);
    });
  });
  kuma = new KumaClient({
    url: server.url,
    username: 'admin',
    password: 'x',
    timeouts: { loginGrace: 100, sync: 400 },
  });
  const error = await kuma.connect().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(KumaClientError);
  expect(error).toMatchObject({
    code: 'SYNC_TIMEOUT',
    missing: ['heartbeatList for monitor 5', 'uptime for monitor 5'],
  });
  expect((error as Error).message).toContain('heartbeatList for monitor 5');
});

it('2.x sync timeout names the lists and the missing login ack', async () => {
  server = await startScripted((socket) => {
    socket.emit('info', {});
    socket.emit('loginRequired');
    socket.on('login', () => {
      socket.emit('monitorList', { '3': monitor(3), '5': monitor(5) });
      socket.emit('heartbeatList', '5', [], false);
    });
  });
  kuma = new KumaClient({
    url: server.url,
    username: 'admin',
    password: 'x',
    timeouts: { sync: 400 },
  });
  await expect(kuma.connect()).rejects.toMatchObject({
    code: 'SYNC_TIMEOUT',
    missing: [
      'heartbeatList for monitor 3',
      'avgPing for monitors 3, 5',
      'uptime for monitors 3, 5',
      'login ack',
    ],
  });
  expect(kuma.state).toBe('idle');
});

it('fails to connect to a closed port with CONNECT_FAILED', async () => {
  server = await startScripted(() => undefined);
  const url = server.url;
  await server.close();
  server = undefined;
  kuma = new KumaClient({ url, timeouts: { connect: 1000 } });
  await expect(kuma.connect()).rejects.toMatchObject({
    code: 'CONNECT_FAILED',
  });
});
