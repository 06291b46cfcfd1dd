import { createServer } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { StatusClient } from '@medianest/status-client';
import { loadServerConfig } from '../src/config';
import { createApp, type App } from '../src/createApp';
import { createLogger } from '../src/logger';
import { FakeEngine } from './fakeEngine';
import { ADMIN_TOKEN, connect } from './harness';
import { REDIS_URL, testRedis } from './testRedis';

const SECOND_ADMIN_TOKEN = 'admin-token-for-tests-0002';

const shared = testRedis('ratelimit');
const admin = shared.redis;
const apps: App[] = [];
const clients: StatusClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(apps.splice(0).map((a) => a.close()));
});
afterAll(() => shared.cleanup());

async function startInstance(opts: {
  redisUrl: string;
  keyPrefix: string;
  logLines?: string[];
}) {
  const config = await loadServerConfig({
    value: {
      server: { host: '127.0.0.1', port: 0, refreshIntervalMs: 10_000 },
      redis: { url: opts.redisUrl, keyPrefix: opts.keyPrefix },
      auth: {
        tokens: [
          { token: ADMIN_TOKEN, role: 'admin', name: 'ops' },
          { token: SECOND_ADMIN_TOKEN, role: 'admin', name: 'oncall' },
        ],
      },
    },
  });
  const lines = opts.logLines;
  const engine = new FakeEngine();
  const app = await createApp({
    config,
    engine: engine.managed(),
    logger: createLogger({
      level: lines ? 'info' : 'silent',
      ...(lines ? { destination: { write: (l) => lines.push(l) } } : {}),
    }),
  });
  apps.push(app);
  return { app, engine };
}

function client(app: App, token: string): StatusClient {
  const made = connect(app, token);
  clients.push(made);
  return made;
}

async function refreshError(made: StatusClient) {
  const error = await made.admin.refresh.mutate().then(
    () => null,
    (e: unknown) => e as Error & { data?: { code?: string } },
  );
  return { code: error?.data?.code, message: error?.message };
}

/** A port that refuses connections: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error();
  return address.port;
}

describe('admin.refresh limit over a shared Redis', () => {
  it('refuses a second refresh on another instance and tells when', async () => {
    const keyPrefix = shared.prefix();
    const a = await startInstance({ redisUrl: REDIS_URL, keyPrefix });
    const b = await startInstance({ redisUrl: REDIS_URL, keyPrefix });

    await client(a.app, ADMIN_TOKEN).admin.refresh.mutate();
    const refused = await refreshError(client(b.app, ADMIN_TOKEN));
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.message).toMatch(/retry in (9|10) s/);
    expect(a.engine.refreshCalls + b.engine.refreshCalls).toBe(1);

    const keys = await admin.keys(`${keyPrefix}*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('ops');
    expect(keys[0]).not.toContain(ADMIN_TOKEN);
    expect(await admin.pttl(keys[0] ?? '')).toBeGreaterThan(9_000);
  });

  it('keeps tokens independent of each other', async () => {
    const keyPrefix = shared.prefix();
    const a = await startInstance({ redisUrl: REDIS_URL, keyPrefix });
    const b = await startInstance({ redisUrl: REDIS_URL, keyPrefix });

    await client(a.app, ADMIN_TOKEN).admin.refresh.mutate();
    await client(b.app, SECOND_ADMIN_TOKEN).admin.refresh.mutate();
    expect(a.engine.refreshCalls + b.engine.refreshCalls).toBe(2);
    const refused = await refreshError(client(a.app, SECOND_ADMIN_TOKEN));
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
  });

  it('falls back to a per-instance limit when Redis is unreachable', async () => {
    const lines: string[] = [];
    const redisUrl = `redis://127.0.0.1:${await closedPort()}`;
    const { app, engine } = await startInstance({
      redisUrl,
      keyPrefix: shared.prefix(),
      logLines: lines,
    });
    const made = client(app, ADMIN_TOKEN);

    await made.admin.refresh.mutate();
    const refused = await refreshError(made);
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.message).toMatch(/retry in \d+ s/);
    expect(engine.refreshCalls).toBe(1);
    const warnings = lines.filter((l) => l.includes('Redis unreachable'));
    expect(warnings).toHaveLength(1);
  });
});
