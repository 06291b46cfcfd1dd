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
// it belongs to the app under test.
const DB = 9;
const DB_URL = `${REDIS_URL}/${DB}`;
const admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
const prefix = `test:server:start-failure:${process.pid}:`;

afterAll(async () => {
  const keys = await admin.select(DB).then(() => admin.keys(`${prefix}*`));
  if (keys.length > 0) await admin.del(...keys);
  admin.disconnect();
});

/** How many connections to Redis use database DB. */
async function appClientsOnDb(): Promise<number> {
  const list = (await admin.call('CLIENT', 'LIST')) as string;
  return list.split('\n').filter((line) => line.includes(` db=${DB} `)).length;
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
      await eventually(async () => (await appClientsOnDb()) === 0);
      // The leader lock was released, not left to expire.
      expect(await admin.keys(`${prefix}*lock*`)).toEqual([]);
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
      await eventually(async () => (await appClientsOnDb()) === 0);
      expect(engine.stopped).toBe(false);
    } finally {
      taken.server.close();
    }
  });
});
