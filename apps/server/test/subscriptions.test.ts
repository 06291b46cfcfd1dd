import { describe, expect, it } from 'vitest';
import { streamStatusChanges } from '../src/streams/statusChanges';
import { createChangeFeed } from '../src/streams/changeFeed';
import { streamNotifications } from '../src/streams/notificationEvents';
import type { StreamsMode } from '../src/streams/createSubscriptionStreams';
import { FakeEngine } from './fakeEngine';
import {
  VIEWER_TOKEN,
  collect,
  eventually,
  fakeAppPerTest,
  reconnection,
  untilSubscribers,
} from './harness';

interface Tracked {
  id: string;
  data: { service: string; status: string };
}

const fixture = fakeAppPerTest();

async function setup(
  streams: StreamsMode = 'fanout',
  engine: FakeEngine = new FakeEngine(),
) {
  const started = await fixture.start({ streams, engine });
  return { ...started, api: fixture.client(VIEWER_TOKEN) };
}

describe.each(['fanout', 'stock'] as const)('status.onChange (%s)', (mode) => {
  it('sends the snapshot, then each change once', async () => {
    const { engine, api } = await setup(mode);
    // The app's own listeners (metrics, the fan-out) stay; ours must go.
    const appListeners = engine.listenerCount;
    const sub = collect<Tracked>((h) =>
      api.status.onChange.subscribe(undefined, h),
    );
    const snapshot = await sub.until(2);
    expect(snapshot.map((e) => e.data.service)).toEqual(['plex', 'overseerr']);
    expect(snapshot[0]?.id).toBe('0-0');

    const change = engine.set('plex', 'down');
    const [, , live] = await sub.until(3);
    expect(live).toMatchObject({ id: change.id, data: { status: 'down' } });
    if (mode === 'stock') expect(engine.listenerCount).toBe(appListeners + 1);
    sub.stop();
    await eventually(() => engine.listenerCount === appListeners);
  });

  it('resumes after a dropped socket with exactly the missed changes', async () => {
    const { engine, api } = await setup(mode);
    const sub = collect<Tracked>((h) =>
      api.status.onChange.subscribe(undefined, h),
    );
    await sub.until(2);
    const first = engine.set('plex', 'down');
    await sub.until(3);

    // Drop the connection from the server side, then change things while
    // the client is away: the server cannot deliver these on the old socket.
    const reconnected = reconnection(api);
    fixture.dropSockets();
    const missed = [engine.set('overseerr', 'down'), engine.set('plex', 'up')];
    await reconnected;
    const after = engine.set('overseerr', 'up');

    const all = await sub.until(6);
    expect(all.slice(2).map((e) => e.id)).toEqual([
      first.id,
      ...missed.map((c) => c.id),
      after.id,
    ]);
    // Nothing else: no second snapshot, no duplicates.
    await api.status.list.query();
    expect(sub.items).toHaveLength(6);
    sub.stop();
  });

  it('honours an explicit lastEventId without sending a snapshot', async () => {
    const { engine, api } = await setup(mode);
    const a = engine.set('plex', 'down');
    const b = engine.set('plex', 'degraded');
    const sub = collect<Tracked>((h) =>
      api.status.onChange.subscribe({ lastEventId: a.id }, h),
    );
    const [only] = await sub.until(1);
    expect(only?.id).toBe(b.id);
    const c = engine.set('overseerr', 'down');
    expect((await sub.until(2))[1]?.id).toBe(c.id);
    sub.stop();
  });

  it('sends a fresh snapshot when the lastEventId has left the history', async () => {
    const engine = new FakeEngine(['plex', 'overseerr'], { historySize: 2 });
    const { api } = await setup(mode, engine);
    const seen = engine.set('plex', 'down');
    engine.set('plex', 'up');
    engine.set('overseerr', 'down');
    const newest = engine.set('plex', 'degraded');
    // Only the last two are retained: the one after `seen` is gone.
    const sub = collect<Tracked>((h) =>
      api.status.onChange.subscribe({ lastEventId: seen.id }, h),
    );
    const snapshot = await sub.until(2);
    expect(snapshot.map((e) => [e.id, e.data.service, e.data.status])).toEqual([
      [newest.id, 'plex', 'degraded'],
      [newest.id, 'overseerr', 'down'],
    ]);
    const live = engine.set('overseerr', 'up');
    expect((await sub.until(3))[2]?.id).toBe(live.id);
    sub.stop();
  });

  it('rejects a malformed lastEventId with BAD_REQUEST', async () => {
    const { api } = await setup(mode);
    const sub = collect((h) =>
      api.status.onChange.subscribe({ lastEventId: 'yesterday' }, h),
    );
    const error = (await sub.failed()) as { data?: { code?: string } };
    expect(error.data?.code).toBe('BAD_REQUEST');
  });
});

describe.each(['fanout', 'stock'] as const)(
  'notifications.onEvent from notifications.recent (%s)',
  (mode) => {
    // wsLink resumes from the last event it received; before the first,
    // only the position passed as input tells the server what was missed.
    it.each([0, 2])(
      'a subscriber that has received nothing gets what was published while its socket was away (%i older)',
      async (older) => {
        const { engine, api } = await setup(mode);
        for (let i = 0; i < older; i++) engine.notify('down', 'plex');
        const { lastEventId } = await api.notifications.recent.query();
        const sub = collect<{ id: string }>((h) =>
          api.notifications.onEvent.subscribe({ lastEventId }, h),
        );
        await untilSubscribers(api, 'notifications.onEvent', 1);

        const reconnected = reconnection(api);
        fixture.dropSockets();
        const missed = engine.notify('recovered', 'plex');
        await reconnected;
        await untilSubscribers(api, 'notifications.onEvent', 1);
        const after = engine.notify('down', 'overseerr');

        // Events arrive in order: once `after` is in, so is `missed`.
        await sub.when((items) => items.some((e) => e.id === after.id));
        await api.status.list.query();
        expect(sub.items.map((e) => e.id)).toEqual([missed.id, after.id]);
        sub.stop();
      },
    );
  },
);

describe('streamStatusChanges', () => {
  it('sends a change that lands while the backlog is read exactly once', async () => {
    const engine = new FakeEngine(['plex']);
    const start = engine.set('plex', 'down');
    const backlog = engine.set('plex', 'up');
    let racing: { id: string }[] = [];
    engine.duringReadAfter = () => {
      racing = [engine.set('plex', 'degraded'), engine.set('plex', 'down')];
    };
    const abort = new AbortController();
    const stream = streamStatusChanges({
      engine,
      feed: createChangeFeed(engine),
      lastEventId: start.id,
      signal: abort.signal,
    });

    const ids: string[] = [];
    for await (const [id] of stream) {
      ids.push(id);
      if (ids.length === 3) break;
    }
    expect(ids).toEqual([backlog.id, ...racing.map((c) => c.id)]);
    expect(engine.listenerCount).toBe(0);
  });

  it('ends when its signal aborts while waiting', async () => {
    const engine = new FakeEngine([]);
    const abort = new AbortController();
    const stream = streamStatusChanges({
      engine,
      feed: createChangeFeed(engine),
      signal: abort.signal,
    });
    const next = stream.next();
    await eventually(() => engine.listenerCount === 1);
    abort.abort();
    expect(await next).toEqual({ done: true, value: undefined });
    expect(engine.listenerCount).toBe(0);
  });
});

describe('notifications.onEvent', () => {
  it('replays what a resuming client missed, then live ones, each once', async () => {
    const { engine, api } = await setup();
    const seen = engine.notify('down', 'plex');
    const missed = [
      engine.notify('recovered', 'plex'),
      engine.notify('down', 'overseerr'),
    ];
    const sub = collect<{ id: string; data: { kind: string } }>((h) =>
      api.notifications.onEvent.subscribe({ lastEventId: seen.id }, h),
    );
    expect((await sub.until(2)).map((e) => e.id)).toEqual(
      missed.map((n) => n.id),
    );
    const live = engine.notify('recovered', 'overseerr');
    expect((await sub.until(3))[2]?.id).toBe(live.id);
    sub.stop();
  });

  it('resumes after a dropped socket with exactly the missed notifications', async () => {
    const { engine, api } = await setup();
    const sub = collect<{ id: string; data: { title: string } }>((h) =>
      api.notifications.onEvent.subscribe(undefined, h),
    );
    await untilSubscribers(api, 'notifications.onEvent', 1);
    const first = engine.notify('down', 'plex');
    await sub.until(1);
    const reconnected = reconnection(api);
    fixture.dropSockets();
    const missed = engine.notify('recovered', 'plex');
    await reconnected;
    const after = engine.notify('down', 'overseerr');
    const all = await sub.until(3);
    expect(all.map((e) => e.id)).toEqual([first.id, missed.id, after.id]);
    expect(all[0]?.data.title).toBe('plex is down');
    await api.status.list.query();
    expect(sub.items).toHaveLength(3);
    sub.stop();
  });

  it('sends a notification that lands while the backlog is read exactly once', async () => {
    const engine = new FakeEngine(['plex']);
    const start = engine.notify('down', 'plex');
    const backlog = engine.notify('recovered', 'plex');
    let racing: { id: string }[] = [];
    engine.duringReadAfter = () => {
      racing = [engine.notify('down', 'plex')];
    };
    const stream = streamNotifications({
      engine,
      feed: createChangeFeed(engine),
      lastEventId: start.id,
      signal: new AbortController().signal,
    });
    const ids: string[] = [];
    for await (const [id] of stream) {
      ids.push(id);
      if (ids.length === 2) break;
    }
    expect(ids).toEqual([backlog.id, ...racing.map((n) => n.id)]);
  });

  it('delivers live notifications with their ids', async () => {
    const { engine, api } = await setup();
    const sub = collect<{ id: string; data: { kind: string } }>((h) =>
      api.notifications.onEvent.subscribe(undefined, h),
    );
    await untilSubscribers(api, 'notifications.onEvent', 1);
    const note = engine.notify('down', 'plex');
    const [got] = await sub.until(1);
    expect(got).toMatchObject({ id: note.id, data: { kind: 'down' } });
    sub.stop();
  });
});
