import { describe, expect, it } from 'vitest';
import {
  VIEWER_TOKEN,
  collect,
  eventually,
  fakeAppPerTest,
  reconnection,
  untilSubscribers,
} from '../../../apps/server/test/harness';
import {
  subscribeNotifications,
  type NotificationDto,
  type NotificationEventDto,
  type StatusClient,
} from '../src';

const fixture = fakeAppPerTest();

/** A server and a client; `null` connects without a token. */
async function start(token: string | null = VIEWER_TOKEN) {
  const started = await fixture.start();
  return { ...started, api: fixture.client(token ?? undefined) };
}

const SUBSCRIBED = 'notifications.onEvent';

/** `api` with each `notifications.onEvent` subscribe's input recorded. */
function spyOnSubscribe(api: StatusClient) {
  const subscribed: unknown[] = [];
  const { recent, onEvent } = api.notifications;
  type Subscribe = typeof onEvent.subscribe;
  const subscribe = ((...args: Parameters<Subscribe>) => {
    subscribed.push(args[0]);
    return onEvent.subscribe(...args);
  }) as Subscribe;
  const client = { notifications: { recent, onEvent: { subscribe } } };
  return { client, subscribed };
}

describe('subscribeNotifications', () => {
  it('hands over the recent ones, then each new one once, across a dropped socket', async () => {
    const { engine, api } = await start();
    const older = [
      engine.notify('down', 'plex'),
      engine.notify('recovered', 'plex'),
    ];
    const recent: NotificationDto[][] = [];
    const sub = collect<NotificationEventDto>((h) =>
      subscribeNotifications(api, { ...h, onRecent: (n) => recent.push(n) }),
    );
    await untilSubscribers(api, SUBSCRIBED, 1);
    expect(recent).toEqual([[...older].reverse()]);

    // Nothing received yet: only the position read first says where the
    // subscription resumes after the socket comes back.
    const reconnected = reconnection(api);
    fixture.dropSockets();
    const missed = engine.notify('down', 'overseerr');
    await reconnected;
    await untilSubscribers(api, SUBSCRIBED, 1);
    const after = engine.notify('recovered', 'overseerr');

    await sub.when((items) => items.some((e) => e.id === after.id));
    await api.status.list.query();
    expect(sub.items.map((e) => e.id)).toEqual([missed.id, after.id]);
    expect(sub.items[0]?.data).toEqual(missed);
    expect(recent).toHaveLength(1);
    sub.stop();
  });

  it('never subscribes when unsubscribed before the position arrives', async () => {
    const { api } = await start();
    const { client, subscribed } = spyOnSubscribe(api);
    const ignore = () => undefined;
    subscribeNotifications(client, {
      onData: ignore,
      onError: ignore,
    }).unsubscribe();
    // Batched with the helper's read, so answered once it has been.
    await api.notifications.recent.query();
    await api.status.list.query();
    expect(subscribed).toEqual([]);
  });

  it('opens no socket when the client closes before the position arrives', async () => {
    const { app, api } = await start();
    const ignore = () => undefined;
    const answered = new Promise<void>((onRecent) => {
      subscribeNotifications(api, {
        onData: ignore,
        onError: ignore,
        onRecent: () => onRecent(),
      });
    });
    await api.close();
    await answered;
    // Long enough for a socket opened by the late subscription to be in.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await eventually(() => app.wss.clients.size === 0);
    // Queries still go over HTTP.
    const health = await api.system.health.query();
    expect(health.subscribers[SUBSCRIBED] ?? 0).toBe(0);
    expect(api.connectionState.get()).toBe('closed');
  });

  it('reports a refused token once and does not subscribe with it', async () => {
    const { api } = await start(null);
    const { client, subscribed } = spyOnSubscribe(api);
    const sub = collect<NotificationEventDto>((h) =>
      subscribeNotifications(client, h),
    );
    const error = (await sub.failed()) as { data?: { code?: string } };
    expect(error.data?.code).toBe('UNAUTHORIZED');
    // The position's error is handled synchronously up to the subscribe.
    expect(subscribed).toEqual([]);
    sub.stop();
  });

  it('still follows the live feed when the position read fails otherwise', async () => {
    const { api, engine } = await start();
    const sub = collect<NotificationEventDto>((h) =>
      subscribeNotifications(api, { ...h, recentLimit: 500 }),
    );
    const error = (await sub.failed()) as { data?: { code?: string } };
    expect(error.data?.code).toBe('BAD_REQUEST');
    await untilSubscribers(api, SUBSCRIBED, 1);
    const note = engine.notify('down', 'plex');
    const [event] = await sub.until(1);
    expect(event?.data).toEqual(note);
    expect(sub.errors).toHaveLength(1);
    sub.stop();
  });
});
