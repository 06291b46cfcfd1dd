import { setTimeout as sleep } from 'node:timers/promises';
import { KumaSim } from '@medianest/kuma-sim';
import { afterEach, expect, it } from 'vitest';
import { KumaConnection } from '../src/connection';
import { silentLogger } from '../src/logger';

let sim: KumaSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

it('opens no socket once closed', async () => {
  sim = await KumaSim.start({ dialect: '2.x' });
  const conn = new KumaConnection({
    url: sim.url,
    connectTimeoutMs: 1000,
    logger: silentLogger,
  });
  conn.close();
  await expect(conn.open()).rejects.toMatchObject({ code: 'CLOSED' });
  await sleep(100);
  expect(conn.connected).toBe(false);
  expect(sim.counters.connections).toBe(0);
});
