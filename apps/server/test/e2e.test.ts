import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KumaSim, SimDialect } from '@medianest/kuma-sim';
import type { StatusClient, StatusEventDto } from '@medianest/status-client';
import type { App } from '../src/createApp';
import {
  ADMIN_TOKEN,
  VIEWER_TOKEN,
  collect,
  connect,
  eventually,
  latestOf as latest,
} from './harness';
import { startLiveServer, type LiveServer } from './liveServer';

let live: LiveServer;
let sim: KumaSim;
let app: App;
let health: Server;
let client: StatusClient;
let ids: Record<string, number>;

async function startHealthServer(): Promise<Server> {
  const server = createServer((_req, res) => res.writeHead(200).end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function startStack(dialect: SimDialect = '2.x'): Promise<void> {
  health = await startHealthServer();
  const healthUrl = `http://127.0.0.1:${(health.address() as AddressInfo).port}/`;
  live = await startLiveServer({
    dialect,
    monitors: [
      { name: 'Plex', interval: 60 },
      { name: 'Overseerr', interval: 60 },
    ],
    config: {
      kuma: { reconnectMaxMs: 200 },
      services: ['plex', 'overseerr'].map((id) => ({
        id,
        displayName: id,
        monitors: [{ monitorName: id === 'plex' ? 'Plex' : 'Overseerr' }],
        healthUrl,
      })),
      engine: {
        gracePeriodMs: 200,
        probeIntervalMs: 200,
        probeTimeoutMs: 500,
        historySize: 10,
      },
    },
  });
  ({ sim, app } = live);
  ids = Object.fromEntries(
    sim.monitorIds().map((id, i) => [i ? 'overseerr' : 'plex', id]),
  );
  client = connect(app, VIEWER_TOKEN);
}

/**
 * Waits for the engine to be serving Kuma data. On a loaded machine the
 * first sync can outlast the 200 ms grace period, so the engine may probe
 * for a while first: tests that need Kuma wait for it instead of assuming.
 */
async function untilKumaMode(): Promise<void> {
  await eventually(async () => {
    const health = await client.system.health.query();
    return health.engine.mode === 'kuma';
  }, 10_000);
}

afterEach(async () => {
  await client.close();
  await live.close();
  await new Promise((resolve) => health.close(resolve));
});

function subscribe(lastEventId?: string) {
  return collect<StatusEventDto>((h) =>
    client.status.onChange.subscribe(
      lastEventId ? { lastEventId } : undefined,
      h,
    ),
  );
}

describe('kuma-sim → KumaClient → engine → server → status-client', () => {
  beforeEach(() => startStack());

  it('falls back to probes while Kuma is away, then returns to Kuma', async () => {
    const sub = subscribe();
    await sub.when((items) => latest(items, 'plex')?.source === 'kuma');
    expect(await (await fetch(`${app.url}/readyz`)).json()).toMatchObject({
      ready: true,
      mode: 'kuma',
    });

    const restarted = sim.restart({ downMs: 1_500 });
    await sub.when((items) => latest(items, 'plex')?.source === 'probe');
    expect(latest(sub.items, 'plex')?.status).toBe('up');
    await eventually(
      async () => (await client.system.health.query()).engine.mode === 'probe',
    );
    await restarted;

    sim.beat(ids.plex!, { status: 0 });
    await sub.when((items) => {
      const plex = latest(items, 'plex');
      return plex?.source === 'kuma' && plex.status === 'down';
    });
    sub.stop();
  });

  it('sends a fresh snapshot to a client resuming from an expired id', async () => {
    const sub = subscribe();
    await sub.when((items) => latest(items, 'plex')?.source === 'kuma');
    const stale = sub.items.at(-1)?.id ?? '';
    // More changes than the history of 10 keeps.
    for (let i = 0; i < 12; i++) {
      const status = i % 2 === 0 ? 'down' : 'up';
      sim.beat(ids.plex!, { status: i % 2 === 0 ? 0 : 1 });
      await sub.when((items) => latest(items, 'plex')?.status === status);
    }
    sub.stop();

    const resumed = subscribe(stale);
    const snapshot = await resumed.until(2);
    const newest = (await client.system.health.query()).engine.lastChangeId;
    expect(snapshot.map((e) => [e.id, e.data.service, e.data.status])).toEqual([
      [newest, 'plex', 'up'],
      [newest, 'overseerr', 'up'],
    ]);
    resumed.stop();
  });

  it('refreshes through admin.refresh once per interval', async () => {
    await untilKumaMode();
    const admin = connect(app, ADMIN_TOKEN);
    try {
      const first = await admin.admin.refresh.mutate();
      expect(first.mode).toBe('kuma');
      await expect(admin.admin.refresh.mutate()).rejects.toMatchObject({
        data: { code: 'TOO_MANY_REQUESTS' },
      });
    } finally {
      await admin.close();
    }
  });
});

describe.each([
  ['3.0', '3.0.0-beta.0'],
  ['2.x', '2.5.3'],
  ['1.23', '1.23.16'],
] as const)('against Kuma %s', (dialect, version) => {
  beforeEach(() => startStack(dialect));

  it(`names the dialect and Kuma version ${version}`, async () => {
    await untilKumaMode();
    const health = await client.system.health.query();
    expect(health.engine).toMatchObject({
      dialect,
      kumaVersion: version,
      leader: true,
    });
  });

  it("delivers Kuma's statuses and transitions", async () => {
    const sub = subscribe();
    await sub.when((items) =>
      ['plex', 'overseerr'].every((id) => latest(items, id)?.source === 'kuma'),
    );
    expect(await client.status.list.query()).toMatchObject([
      { service: 'plex', status: 'up', source: 'kuma' },
      { service: 'overseerr', status: 'up', source: 'kuma' },
    ]);

    sim.beat(ids.overseerr!, { status: 0, msg: 'timeout' });
    await sub.when((items) => latest(items, 'overseerr')?.status === 'down');
    expect(
      await client.status.get.query({ service: 'overseerr' }),
    ).toMatchObject({ status: 'down', source: 'kuma', message: 'timeout' });
    sub.stop();
  });
});
