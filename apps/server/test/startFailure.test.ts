import { createServer, type Server } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { KumaSim } from '@medianest/kuma-sim';
import { loadServerConfig } from '../src/config';
import { createApp } from '../src/createApp';
import { createLogger } from '../src/logger';
import { FakeEngine } from './fakeEngine';
import { eventually, testAuth } from './harness';
import { startLiveApp } from './liveServer';
import { REDIS_URL } from './testRedis';

// A database no other test file uses, so that every client connected to
// it belongs to the app under test, apart from this file's own.
const DB = 9;
const DB_URL = `${REDIS_URL}/${DB}`;
const ADMIN_NAME = 'start-failure-admin';
const admin = new Redis(DB_URL, {
  maxRetriesPerRequest: 1,
  connectionName: ADMIN_NAME,
});
const prefix = `test:server:start-failure:${process.pid}:`;

afterAll(async () => {
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  admin.disconnect();
});

/** How many connections to Redis use database DB, besides `admin`. */
async function appClientsOnDb(): Promise<number> {
  const list = (await admin.call('CLIENT', 'LIST')) as string;
  return list
    .split('\n')
    .filter((line) => line.includes(` db=${DB} `))
    .filter((line) => !line.includes(` name=${ADMIN_NAME} `)).length;
}

/**
 * No app connection on DB, now or a little later: a client that was still
 * connecting when the start failed lists its database only once it is in.
 */
async function expectNoAppClients(): Promise<void> {
  await eventually(async () => (await appClientsOnDb()) === 0);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await appClientsOnDb()).toBe(0);
}

/** A TCP port something else listens on. */
async function takenPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error();
  return { port: address.port, server };
}

describe('createApp when it cannot listen', () => {
  it('stops the engine it made and closes its Redis connections', async () => {
    const sim = await KumaSim.start({ dialect: '2.x' });
    const taken = await takenPort();
    try {
      const start = startLiveApp({
        kumaUrl: sim.url,
        port: taken.port,
        config: { redis: { url: DB_URL, keyPrefix: prefix } },
      });
      await expect(start).rejects.toMatchObject({ code: 'EADDRINUSE' });
      // The leader lock was released, not left to expire.
      expect(await admin.exists(`${prefix}leader`)).toBe(0);
      await expectNoAppClients();
    } finally {
      taken.server.close();
      await sim.close();
    }
  });

  it('leaves an engine it was given running', async () => {
    const taken = await takenPort();
    const config = await loadServerConfig({
      value: {
        server: { host: '127.0.0.1', port: taken.port },
        redis: { url: DB_URL, keyPrefix: `${prefix}given:` },
        auth: testAuth(),
      },
    });
    const engine = new FakeEngine(['plex']);
    try {
      const start = createApp({
        config,
        engine: engine.managed(),
        logger: createLogger({ level: 'silent' }),
      });
      await expect(start).rejects.toMatchObject({ code: 'EADDRINUSE' });
      await expectNoAppClients();
      expect(engine.stopped).toBe(false);
    } finally {
      taken.server.close();
    }
  });
});
