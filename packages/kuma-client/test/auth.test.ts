import { Secret, TOTP } from 'otpauth';
import { expect, it } from 'vitest';
import { KumaClientError } from '../src/index';
import {
  describeDialects,
  PASSWORD,
  SOCKET_LOGIN_DIALECTS,
} from './helpers/matrix';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

async function rejection(promise: Promise<unknown>): Promise<KumaClientError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KumaClientError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const monitors = [{ name: 'plex' }, { name: 'sonarr', status: 0 as const }];

describeDialects('authentication', (kit) => {
  const { dialect, startSim, client } = kit;

  it('logs in with the password and reports the version', async () => {
    const sim = await startSim({ monitors, version: kit.version });
    const kuma = client(sim);
    await kuma.connect();
    expect(kuma.state).toBe('ready');
    expect(kuma.dialect).toBe(dialect);
    expect(kuma.serverVersion).toBe(kit.version);
    expect(kuma.monitors().map((m) => m.name)).toEqual(['plex', 'sonarr']);
    expect(kuma.latestBeat(2)?.status).toBe(0);
    expect(sim.counters).toMatchObject({
      ...kit.passwordAuth,
      loginByToken: 0,
    });
  });

  it('rejects a wrong password as INVALID_CREDENTIALS', async () => {
    const sim = await startSim();
    const error = await rejection(client(sim, { password: 'nope' }).connect());
    expect(error).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      event: dialect === '3.0' ? 'sign-in' : 'login',
    });
    expect(error.message).toContain('`password`');
  });

  it('rejects missing credentials as AUTH_REQUIRED', async () => {
    const sim = await startSim();
    const kuma = client(sim, { username: undefined, password: undefined });
    expect((await rejection(kuma.connect())).code).toBe('AUTH_REQUIRED');
  });

  it('connects to servers with auth disabled without credentials', async () => {
    const sim = await startSim({ authDisabled: true, monitors });
    const kuma = client(sim, { username: undefined, password: undefined });
    await kuma.connect();
    expect(kuma.monitors()).toHaveLength(2);
    expect(kuma.dialect).toBe(dialect);
    expect(sim.counters).toMatchObject({
      login: 0,
      loginByToken: 0,
      signIn: 0,
    });
  });

  it('sends a TOTP code only when asked, generated from the secret', async () => {
    const sim = await startSim({ twoFactorSecret: SECRET, monitors });
    const kuma = client(sim, { totpSecret: SECRET });
    await kuma.connect();
    expect(kuma.monitors()).toHaveLength(2);
    // Socket dialects log in twice (without, then with the code); 3.0
    // signs in once and completes the two-factor step.
    const logins = dialect === '3.0' ? { signIn: 1 } : { login: 2 };
    expect(sim.counters).toMatchObject(logins);
  });

  it('accepts a TOTP code given as `totp`', async () => {
    const sim = await startSim({ twoFactorSecret: SECRET });
    const totp = new TOTP({ secret: Secret.fromBase32(SECRET) }).generate();
    await client(sim, { totp }).connect();
  });

  it('rejects 2FA without a code as TWO_FACTOR_REQUIRED', async () => {
    const sim = await startSim({ twoFactorSecret: SECRET });
    const error = await rejection(client(sim).connect());
    expect(error.code).toBe('TWO_FACTOR_REQUIRED');
  });

  it('rejects a wrong TOTP code as INVALID_TWO_FACTOR', async () => {
    const sim = await startSim({ twoFactorSecret: SECRET });
    const error = await rejection(client(sim, { totp: '000000' }).connect());
    expect(error.code).toBe('INVALID_TWO_FACTOR');
  });
});

describeDialects(
  'socket login',
  ({ startSim, client }) => {
    it('logs in by token without touching the password', async () => {
      const sim = await startSim({ monitors });
      const kuma = client(sim, { token: sim.jwt, password: undefined });
      await kuma.connect();
      expect(sim.counters).toMatchObject({ login: 0, loginByToken: 1 });
    });

    it('falls back to the password when the token is refused', async () => {
      const sim = await startSim({ monitors });
      const kuma = client(sim, { token: 'not-a-jwt' });
      await kuma.connect();
      expect(sim.counters).toMatchObject({ login: 1, loginByToken: 1 });
    });

    it('rejects a bad token without password as INVALID_TOKEN', async () => {
      const sim = await startSim();
      const kuma = client(sim, { token: 'not-a-jwt', password: undefined });
      const error = await rejection(kuma.connect());
      expect(error.code).toBe('INVALID_TOKEN');
      expect(kuma.state).toBe('idle');
    });

    it('reports RATE_LIMITED once the login limit is used up', async () => {
      const sim = await startSim({ loginRateLimit: 1 });
      await rejection(client(sim, { password: 'nope' }).connect());
      const error = await rejection(client(sim).connect());
      expect(error.code).toBe('RATE_LIMITED');
    });

    it('never sends the password to a server that accepted the token', async () => {
      const sim = await startSim();
      const kuma = client(sim, { token: sim.jwt, password: PASSWORD });
      await kuma.connect();
      expect(sim.counters.login).toBe(0);
    });

    it('never logs the password, the JWT or the TOTP secret', async () => {
      const sim = await startSim({ twoFactorSecret: SECRET, monitors });
      const lines: string[] = [];
      const record = (obj: object, msg?: string) =>
        lines.push(JSON.stringify(obj) + (msg ?? ''));
      const logger = {
        debug: record,
        info: record,
        warn: record,
        error: record,
      };
      const kuma = client(sim, {
        totpSecret: SECRET,
        token: 'not-a-jwt',
        logger,
      });
      await kuma.connect();
      const ready = new Promise<void>((resolve) =>
        kuma.on('state', ({ to }) => to === 'ready' && resolve()),
      );
      await sim.restart();
      await ready;
      expect(sim.counters.loginByToken).toBe(2);
      expect(lines.length).toBeGreaterThan(5);
      const text = lines.join('\n');
      for (const secret of [PASSWORD, SECRET, sim.jwt, 'not-a-jwt']) {
        expect(text).not.toContain(secret);
      }
    });
  },
  SOCKET_LOGIN_DIALECTS,
);
