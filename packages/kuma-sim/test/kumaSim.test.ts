import { describe, expect, it } from 'vitest';

import {
  closeClients,
  connectClient,
  loginClient,
  simStarter,
} from './helpers';

const startSim = simStarter({ burstPauseMs: 20 });

describe('KumaSim monitors', () => {
  it('2.x announces an added monitor with updateMonitorIntoList', async () => {
    const s = await startSim({ monitors: [{ name: 'plex' }] });
    const client = await loginClient(s);
    const update = client.next('updateMonitorIntoList');
    const id = s.addMonitor({ name: 'overseerr', tags: [{ name: 'media' }] });
    const [list] = (await update) as [Record<string, Record<string, unknown>>];
    expect(Object.keys(list)).toEqual([String(id)]);
    expect(list[String(id)]).toMatchObject({
      id,
      name: 'overseerr',
      active: true,
      tags: [{ name: 'media', value: '', monitor_id: id }],
    });
    expect(s.monitorIds()).toEqual([1, 2]);
  });

  it('1.23 re-sends the full monitorList after a pause', async () => {
    const s = await startSim({ dialect: '1.23', monitors: [{ name: 'a' }] });
    const client = await loginClient(s);
    const list = client.next('monitorList');
    s.pauseMonitor(1);
    const [payload] = (await list) as [Record<string, { active: boolean }>];
    expect(payload['1']?.active).toBe(false);
    expect(() => s.beat(1, { status: 1 })).toThrow(/resumeMonitor/);
  });

  it('deleting pushes deleteMonitorFromList with the id', async () => {
    const s = await startSim({ monitors: [{ name: 'a' }, { name: 'b' }] });
    const client = await loginClient(s);
    const deleted = client.next('deleteMonitorFromList');
    s.deleteMonitor(2);
    expect(await deleted).toEqual([2]);
    expect(s.monitorIds()).toEqual([1]);
    expect(() => s.editMonitor(2, { name: 'x' })).toThrow(/monitorIds/);
  });
});

describe('KumaSim beats', () => {
  it('sends a live beat with numeric id, then avgPing and 3 uptimes', async () => {
    const s = await startSim({ monitors: [{ name: 'a', status: 1 }] });
    const client = await loginClient(s);
    const from = client.events.length;
    const last = client.next('uptime', (args) => args[1] === '1y');
    s.beat(1, { status: 0, msg: 'boom' });
    expect(await last).toEqual([1, '1y', expect.any(Number)]);
    const names = client.events.slice(from).map((e) => e.event);
    expect(names).toEqual([
      'maintenanceList',
      'heartbeat',
      'avgPing',
      'uptime',
      'uptime',
      'uptime',
    ]);
    const beat = client.events.find((e) => e.event === 'heartbeat');
    const live = beat?.args[0] as { time: string };
    expect(live.time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    expect(live).toEqual({
      monitorID: 1,
      status: 0,
      time: live.time,
      msg: 'boom',
      important: true,
      retries: 1,
    });
  });

  it('turns beats into status 3 under maintenance', async () => {
    const s = await startSim({ monitors: [{ name: 'a' }] });
    const client = await loginClient(s);
    s.setMaintenance(1, true);
    const beat = client.next('heartbeat');
    s.beat(1, { status: 1, ping: 5 });
    expect((await beat)[0]).toMatchObject({
      status: 3,
      msg: 'Monitor under maintenance',
      important: true,
    });
    expect((await beat)[0]).not.toHaveProperty('ping');
  });

  it('sends certInfo as a JSON string with the nested shape', async () => {
    const validTo = new Date('2030-01-02T03:04:05.000Z');
    const s = await startSim({ monitors: [{ name: 'a' }] });
    s.setCertInfo(1, { daysRemaining: 29, valid: true, validTo, issuer: 'R3' });
    const client = await loginClient(s);
    const cert = client.next('certInfo');
    s.beat(1, { status: 1, ping: 9 });
    const [id, json] = await cert;
    expect(id).toBe(1);
    const info = JSON.parse(String(json)) as Record<string, never>;
    expect(info).toMatchObject({
      valid: true,
      certInfo: { daysRemaining: 29, validTo: validTo.toISOString() },
    });
  });
});

describe('KumaSim important beats (2.x)', () => {
  // 30 important beats one minute apart; msg "n" is the n-th, oldest 0.
  const history = Array.from({ length: 30 }, (_, n) => ({
    status: 1 as const,
    time: new Date(Date.now() - (30 - n) * 60_000),
    msg: String(n),
    important: true,
  }));
  const messages = (ack: unknown) =>
    (ack as { data: { msg: string }[] }).data.map((row) => Number(row.msg));

  it('pages newest first with no cap, as SQLite LIMIT/OFFSET', async () => {
    const s = await startSim({
      monitors: [{ name: 'a', historyBeats: history }],
    });
    const client = await loginClient(s);
    const page = (offset: unknown, count: unknown) =>
      client.request('monitorImportantHeartbeatListPaged', 1, offset, count);
    expect(messages(await page(0, 3))).toEqual([29, 28, 27]);
    expect(messages(await page(28, 5))).toEqual([1, 0]);
    expect(messages(await page(0, 1000))).toHaveLength(30);
    expect(messages(await page(0, -1))).toHaveLength(30);
    expect(messages(await page(-4, 2))).toEqual([29, 28]);
    expect(messages(await page('1', '2.0'))).toEqual([28, 27]);
    expect(await page(0, 0)).toEqual({ ok: true, data: [] });
    for (const [offset, count] of [
      [0, 2.5],
      [0, null],
      ['x', 1],
    ]) {
      expect(await page(offset, count)).toEqual({
        ok: false,
        msg: 'SQLITE_MISMATCH: datatype mismatch',
      });
    }
  });

  it('answers nothing when an argument is missing', async () => {
    const s = await startSim({
      monitors: [{ name: 'a', historyBeats: history }],
    });
    const client = await loginClient(s);
    client.timeoutMs = 300;
    await expect(
      client.request('monitorImportantHeartbeatListPaged', 1, 0),
    ).rejects.toThrow();
  });
});

describe('KumaSim auth', () => {
  it('acks login after the burst in 2.x and before it in 1.23', async () => {
    for (const dialect of ['2.x', '1.23'] as const) {
      const s = await startSim({ dialect, monitors: [{ name: 'a' }] });
      const client = await connectClient(s);
      const creds = { username: 'admin', password: 'Admin12345!x', token: '' };
      // The ack callback runs in wire order with the pushes recorded.
      const acked = new Promise<number>((resolve) => {
        client.socket.emit('login', creds, () => resolve(client.events.length));
      });
      const ackedAt = await acked;
      await client.seen('initServerTimezone');
      const names = client.events.map((e) => e.event);
      const burstAt = names.indexOf('monitorList');
      expect(burstAt < ackedAt).toBe(dialect === '2.x');
      closeClients();
    }
  });

  it('limits password logins globally, but not loginByToken', async () => {
    const s = await startSim({ loginRateLimit: 3 });
    const client = await connectClient(s);
    const wrong = { username: 'admin', password: 'nope', token: '' };
    for (let i = 0; i < 3; i++) {
      expect(await client.request('login', wrong)).toEqual({
        ok: false,
        msg: 'authIncorrectCreds',
        msgi18n: true,
      });
    }
    expect(await client.request('login', wrong)).toEqual({
      ok: false,
      msg: 'Too frequently, try again later.',
    });
    expect(await client.request('loginByToken', s.jwt)).toEqual({ ok: true });
    expect(s.counters).toMatchObject({ login: 4, loginByToken: 1 });
  });

  it('accepts the tokens of a simulator with the same jwtSecret', async () => {
    const jwtSecret = 'kept-in-the-database';
    const before = await startSim({ jwtSecret });
    const token = before.jwt;
    await before.close();
    const after = await startSim({ jwtSecret });
    const client = await connectClient(after);
    expect(await client.request('loginByToken', token)).toEqual({ ok: true });
    const other = await connectClient(await startSim());
    expect(await other.request('loginByToken', token)).toMatchObject({
      ok: false,
    });
    await expect(startSim({ jwtSecret: '' })).rejects.toMatchObject({
      code: 'BAD_OPTION',
    });
  });

  it('speaks English without msgi18n in 1.23', async () => {
    const s = await startSim({ dialect: '1.23' });
    const client = await connectClient(s);
    expect(await client.request('loginByToken', 'not-a-jwt')).toEqual({
      ok: false,
      msg: 'Invalid token.',
    });
    expect(await client.request('getMonitorList')).toEqual({
      ok: false,
      msg: 'You are not logged in.',
    });
  });

  it('asks for a TOTP code when 2FA is on', async () => {
    const { Secret, TOTP } = await import('otpauth');
    const secret = new Secret({ size: 20 }).base32;
    const s = await startSim({ twoFactorSecret: secret });
    const client = await connectClient(s);
    const creds = { username: 'admin', password: 'Admin12345!x' };
    expect(await client.request('login', { ...creds, token: '' })).toEqual({
      tokenRequired: true,
    });
    expect(
      await client.request('login', { ...creds, token: '000000' }),
    ).toMatchObject({ ok: false, msg: 'authInvalidToken' });
    const token = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    expect(await client.request('login', { ...creds, token })).toMatchObject({
      ok: true,
    });
    s.disableTwoFactor();
    expect(
      await client.request('login', { ...creds, token: '' }),
    ).toMatchObject({ ok: true });
  });

  it('auto-logs sockets in when auth is disabled', async () => {
    const s = await startSim({ authDisabled: true, monitors: [{ name: 'a' }] });
    const client = await connectClient(s);
    await client.seen('autoLogin');
    const names = client.events.map((e) => e.event);
    expect(names.indexOf('monitorList')).toBeLessThan(
      names.indexOf('autoLogin'),
    );
    expect(names).not.toContain('loginRequired');
  });
});

describe('KumaSim faults', () => {
  it('restart with downMs closes the port, then reopens the same one', async () => {
    const s = await startSim();
    const port = s.port;
    const client = await connectClient(s);
    const dropped = new Promise((resolve) => {
      client.socket.once('disconnect', resolve);
    });
    const restarted = s.restart({ downMs: 300 });
    expect(await dropped).toBe('transport close');
    const refused = await fetch(`${s.url}/`).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
    await restarted;
    expect(s.port).toBe(port);
    const again = await connectClient(s);
    expect(again.events[0]?.event).toBe('info');
    expect(s.counters.connections).toBe(2);
  });

  it('stops acking while not responding; never acks unknown events', async () => {
    const s = await startSim();
    const client = await connectClient(s);
    client.timeoutMs = 300;
    s.setResponding(false);
    await expect(client.request('loginByToken', s.jwt)).rejects.toThrow();
    s.setResponding(true);
    await expect(client.request('noSuchEvent')).rejects.toThrow();
  });

  it('injects malformed payloads to logged-in sockets', async () => {
    const s = await startSim();
    const client = await loginClient(s);
    const beat = client.next('heartbeat');
    s.injectMalformed('heartbeat', [{ monitorID: 'x' }]);
    expect(await beat).toEqual([{ monitorID: 'x' }]);
  });
});
