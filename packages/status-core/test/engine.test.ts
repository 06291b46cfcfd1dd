import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/loadConfig';
import { createStatusEngine } from '../src/createStatusEngine';
import type { StatusEngine } from '../src/StatusEngine';
import type { StatusCoreConfigInput } from '../src/configSchema';
import { Recorder } from './engineHelpers';
import { beat, FakeSource, monitor } from './fakeSource';

const engines: StatusEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

function setup(config: StatusCoreConfigInput = {}) {
  const source = new FakeSource();
  const warnings: unknown[] = [];
  const engine = createStatusEngine({
    source,
    config: parseConfig({
      services: [
        {
          id: 'plex',
          displayName: 'Plex',
          monitors: [{ monitorName: 'Plex' }],
          degradedAboveMs: 1000,
        },
      ],
      ...config,
    }),
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: (obj) => warnings.push(obj),
      error: (obj) => warnings.push(obj),
    },
  });
  engines.push(engine);
  const recorder = new Recorder(engine);
  return { source, engine, recorder, warnings };
}

async function ready(source: FakeSource, engine: StatusEngine) {
  await engine.start();
  source.setMonitors([monitor({ id: 7, name: 'Plex' })]);
  source.beat(beat({ monitorId: 7, time: new Date() }));
  source.setState('ready');
}

describe('engine with a source', () => {
  it('derives statuses once the source is ready', async () => {
    const { source, engine, recorder } = setup();
    await ready(source, engine);
    await recorder.until(() => recorder.changes.length === 1);
    expect(recorder.changes[0]).toMatchObject({
      service: 'plex',
      previous: null,
      status: { status: 'up', source: 'kuma' },
    });
    expect(await engine.get('plex')).toMatchObject({
      status: 'up',
      responseTime: 40,
    });
    expect(engine.health()).toMatchObject({
      mode: 'kuma',
      source: 'ready',
      leader: true,
      store: 'memory',
      storeHealthy: true,
      lastChangeId: recorder.changes[0]?.id,
    });
  });

  it('publishes only visible changes, and notifies transitions', async () => {
    const { source, engine, recorder } = setup();
    await ready(source, engine);
    await recorder.until(() => recorder.changes.length === 1);

    for (let i = 0; i < 5; i++)
      source.beat(beat({ monitorId: 7, ping: 40 + i * 10, time: new Date() }));
    source.beat(
      beat({
        monitorId: 7,
        status: 0,
        msg: 'ECONNREFUSED',
        ping: null,
        time: new Date(),
      }),
    );
    await recorder.until(() => recorder.changes.length === 2, 'down change');
    source.beat(
      beat({
        monitorId: 7,
        status: 0,
        msg: 'ECONNREFUSED',
        ping: null,
        time: new Date(),
      }),
    );
    source.beat(
      beat({ monitorId: 7, status: 1, ping: 1500, time: new Date() }),
    );
    source.beat(beat({ monitorId: 7, status: 1, ping: 50, time: new Date() }));
    await recorder.until(
      () => recorder.notifications.length === 3,
      'three notifications',
    );

    expect(recorder.changes.map((c) => [c.previous, c.status.status])).toEqual([
      [null, 'up'],
      ['up', 'down'],
      ['down', 'degraded'],
      ['degraded', 'up'],
    ]);
    // The title names the service; the message is only the reason.
    expect(
      recorder.notifications.map((n) => [n.kind, n.title, n.message]),
    ).toEqual([
      ['down', 'Plex is down', 'ECONNREFUSED'],
      [
        'degraded',
        'Plex is degraded',
        'Response time 1500 ms is above 1000 ms',
      ],
      ['recovered', 'Plex is up again', ''],
    ]);
    // Each names the change it announces.
    expect(recorder.notifications.map((n) => n.changeId)).toEqual(
      recorder.changes.slice(1).map((c) => c.id),
    );
    const page = await engine.history({ service: 'plex', limit: 10 });
    expect(page.items.map((c) => c.id)).toEqual(
      recorder.changes.map((c) => c.id).reverse(),
    );
    expect(await engine.readAfter(recorder.changes[1]!.id)).toEqual({
      items: recorder.changes.slice(2),
      expired: false,
    });
    const firstNote = recorder.notifications[0]!.id;
    expect(await engine.readNotificationsAfter(firstNote)).toEqual({
      items: recorder.notifications.slice(1),
      expired: false,
    });
  });

  it('sends one flapping notification, then silence until it settles', async () => {
    const { source, engine, recorder } = setup({
      engine: { flapThreshold: 3, flapWindowMs: 60_000 },
    });
    await ready(source, engine);
    await recorder.until(() => recorder.changes.length === 1);
    for (let i = 0; i < 10; i++) {
      source.beat(
        beat({ monitorId: 7, status: i % 2 === 0 ? 0 : 1, time: new Date() }),
      );
    }
    await recorder.until(() => recorder.changes.length === 11, 'ten changes');
    expect(recorder.notifications.map((n) => n.kind)).toEqual([
      'down',
      'recovered',
      'down',
      'flapping',
    ]);
  });

  it('refresh resyncs the source and reports what changed', async () => {
    const { source, engine, recorder } = setup();
    await ready(source, engine);
    await recorder.until(() => recorder.changes.length === 1);
    const result = await engine.refresh();
    expect(source.resyncs).toBe(1);
    expect(result).toEqual({ changed: [], mode: 'kuma' });
  });

  it('drops malformed data with a typed error and keeps going', async () => {
    const { source, engine, recorder, warnings } = setup();
    await ready(source, engine);
    await recorder.until(() => recorder.changes.length === 1);
    source.rawBeat({ monitorId: 'seven', status: 9 });
    source.rawBeat(null);
    source.setMonitors([
      monitor({ id: 7, name: 'Plex' }),
      { id: 'x' } as never,
    ]);
    source.beat(beat({ monitorId: 7, status: 0, time: new Date() }));
    await recorder.until(() => recorder.changes.length === 2);
    expect(
      warnings.filter(
        (w) => (w as { code?: string }).code === 'BAD_SOURCE_DATA',
      ),
    ).toHaveLength(3);
  });

  it('makes a service of every monitor when none are configured', async () => {
    const { source, engine, recorder } = setup({ services: [] });
    await engine.start();
    source.setMonitors([
      monitor({ id: 1, name: 'Overseerr' }),
      monitor({ id: 2, name: 'MediaNest API', active: false }),
    ]);
    source.beat(beat({ monitorId: 1, time: new Date() }));
    source.setState('ready');
    await recorder.until(() => recorder.changes.length === 2);
    const list = await engine.list();
    expect(list.map((s) => [s.service, s.status]).sort()).toEqual([
      ['medianest-api', 'unknown'],
      ['overseerr', 'up'],
    ]);
  });

  it('stops listening on stop', async () => {
    const { source, engine } = setup();
    await ready(source, engine);
    expect(source.listenerCount()).toBe(1);
    await engine.stop();
    expect(source.listenerCount()).toBe(0);
  });
});
