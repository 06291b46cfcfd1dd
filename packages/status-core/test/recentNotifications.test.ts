import { afterEach, describe, expect, it } from 'vitest';
import { createStatusEngine } from '../src/createStatusEngine';
import { parseConfig } from '../src/loadConfig';
import { MemoryStore } from '../src/MemoryStore';
import { RedisStore } from '../src/RedisStore';
import type { StatusEngine } from '../src/StatusEngine';
import type { StatusStore } from '../src/StatusStore';
import { Recorder } from './engineHelpers';
import { beat, FakeSource, monitor } from './fakeSource';
import { testRedis } from './redisHelpers';

const { redis, prefix } = testRedis();
const engines: StatusEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

const backends: { name: string; create: () => StatusStore }[] = [
  { name: 'MemoryStore', create: () => new MemoryStore() },
  {
    name: 'RedisStore',
    create: () => new RedisStore({ redis, keyPrefix: prefix('recent') }),
  },
];

/** An engine over `store`, serving Plex (monitor 7), up. */
async function readyEngine(store: StatusStore) {
  const source = new FakeSource();
  const engine = createStatusEngine({
    source,
    store,
    config: parseConfig({
      services: [
        { id: 'plex', displayName: 'Plex', monitors: [{ monitorId: 7 }] },
      ],
    }),
  });
  engines.push(engine);
  const recorder = new Recorder(engine);
  await engine.start();
  source.setMonitors([monitor({ id: 7, name: 'Plex' })]);
  source.beat(beat({ monitorId: 7, time: new Date() }));
  source.setState('ready');
  await recorder.until(() => recorder.changes.length === 1, 'first status');
  /** Sends a beat and waits for the notification it causes. */
  const notify = async (status: 0 | 1) => {
    const count = recorder.notifications.length;
    source.beat(beat({ monitorId: 7, status, time: new Date() }));
    await recorder.until(
      () => recorder.notifications.length > count,
      'a notification',
    );
    return recorder.notifications.at(-1)!;
  };
  return { engine, notify };
}

describe.each(backends)('recentNotifications over $name', (backend) => {
  it('has no position before the first notification', async () => {
    const { engine } = await readyEngine(backend.create());
    expect(await engine.recentNotifications(20)).toEqual({
      items: [],
      lastId: null,
    });
  });

  it('lists the newest first, with the newest id as the position', async () => {
    const { engine, notify } = await readyEngine(backend.create());
    const down = await notify(0);
    const recovered = await notify(1);

    expect(await engine.recentNotifications(20)).toEqual({
      items: [recovered, down],
      lastId: recovered.id,
    });
    expect(await engine.recentNotifications(1)).toEqual({
      items: [recovered],
      lastId: recovered.id,
    });
    expect(await engine.recentNotifications(0)).toEqual({
      items: [],
      lastId: recovered.id,
    });
  });

  it('gives a position the feed resumes from with exactly what followed', async () => {
    const { engine, notify } = await readyEngine(backend.create());
    await notify(0);
    const { lastId } = await engine.recentNotifications(1);
    const next = await notify(1);
    expect(await engine.readNotificationsAfter(lastId!)).toEqual({
      items: [next],
      expired: false,
    });
  });
});
