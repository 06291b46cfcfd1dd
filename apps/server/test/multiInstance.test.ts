import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { KumaSim } from '@medianest/kuma-sim';
import type { StatusClient, StatusEventDto } from '@medianest/status-client';
import type { App } from '../src/createApp';
import {
  ADMIN_TOKEN,
  VIEWER_TOKEN,
  collect,
  connect,
  eventually,
  latestOf,
} from './harness';
import { startLiveApp } from './liveServer';
import { REDIS_URL, testRedis } from './testRedis';

const redis = testRedis('multi');
let sim: KumaSim | undefined;
const apps: App[] = [];
const clients: StatusClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(apps.splice(0).map((a) => a.close()));
  await sim?.close();
  sim = undefined;
});
afterAll(() => redis.cleanup());

async function startInstance(keyPrefix: string, kumaUrl: string) {
  const app = await startLiveApp({
    kumaUrl,
    refreshIntervalMs: 0,
    config: {
      redis: { url: REDIS_URL, keyPrefix },
      services: ['Plex', 'Overseerr'].map((name) => ({
        id: name.toLowerCase(),
        displayName: name,
        monitors: [{ monitorName: name }],
      })),
    },
  });
  apps.push(app);
  return app;
}

function client(app: App, token = VIEWER_TOKEN): StatusClient {
  const made = connect(app, token);
  clients.push(made);
  return made;
}

function statusOf(items: StatusEventDto[], service: string) {
  return latestOf(items, service)?.status;
}

describe('two server instances over one Redis and one Kuma', () => {
  it('share one Kuma connection, the feed, resume and refresh', async () => {
    const keyPrefix = redis.prefix();
    sim = await KumaSim.start({
      dialect: '2.x',
      monitors: [{ name: 'Plex' }, { name: 'Overseerr' }],
    });
    const [plexId, overseerrId] = sim.monitorIds() as [number, number];

    const a = await startInstance(keyPrefix, sim.url);
    await eventually(() => a.engine.health().mode === 'kuma', 10_000);
    const b = await startInstance(keyPrefix, sim.url);
    expect(a.engine.health().leader).toBe(true);
    expect(b.engine.health().leader).toBe(false);

    // B serves A's statuses and changes without a Kuma connection of its own.
    const onB = collect<StatusEventDto>((h) =>
      client(b).status.onChange.subscribe(undefined, h),
    );
    await onB.when((items) => statusOf(items, 'plex') === 'up');
    sim.beat(plexId, { status: 0, msg: 'connection refused' });
    await onB.when((items) => statusOf(items, 'plex') === 'down');
    expect(sim.counters.connections).toBe(1);
    expect(b.engine.health()).toMatchObject({
      leader: false,
      source: 'idle',
    });

    // A client of A drops; it resumes on B with its last event id.
    const viewerA = client(a);
    const onA = collect<StatusEventDto>((h) =>
      viewerA.status.onChange.subscribe(undefined, h),
    );
    await onA.when((items) => statusOf(items, 'plex') === 'down');
    const lastSeen = onA.items.at(-1)?.id ?? '';
    onA.stop();
    await viewerA.close();

    const missedFrom = onB.items.length;
    sim.beat(overseerrId, { status: 0, msg: 'timeout' });
    sim.beat(plexId, { status: 1, msg: 'OK' });
    await onB.when((items) => statusOf(items, 'plex') === 'up');
    const missed = onB.items.slice(missedFrom);

    const resumed = collect<StatusEventDto>((h) =>
      client(b).status.onChange.subscribe({ lastEventId: lastSeen }, h),
    );
    const replay = await resumed.until(missed.length);
    expect(replay.map((e) => e.id)).toEqual(missed.map((e) => e.id));
    sim.beat(overseerrId, { status: 1, msg: 'OK' });
    await resumed.when((items) => statusOf(items, 'overseerr') === 'up');
    const ids = resumed.items.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(resumed.items.slice(missed.length)).toEqual(
      onB.items.slice(onB.items.length - (ids.length - missed.length)),
    );

    // admin.refresh on the follower runs on the leader.
    const refreshed = await client(b, ADMIN_TOKEN).admin.refresh.mutate();
    expect(refreshed.mode).toBe('kuma');
    expect(sim.counters.connections).toBe(1);
    expect(b.engine.health()).toMatchObject({
      dialect: '2.x',
      kumaVersion: '2.5.3',
    });
  });
});
