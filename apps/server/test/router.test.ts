import { describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { ORIGIN_EVENT_ID } from '../src/streams/eventIds';
import { ADMIN_TOKEN, VIEWER_TOKEN, collect, fakeAppPerTest } from './harness';

const { start: setup, client } = fakeAppPerTest();

function codeFrom(error: unknown): string | undefined {
  return (error as { data?: { code?: string } }).data?.code;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      return (error.data as { code?: string } | undefined)?.code;
    }
    throw error;
  }
  return 'OK';
}

describe('queries', () => {
  it('lists, gets and pages history', async () => {
    const { engine } = await setup();
    const api = client(VIEWER_TOKEN);
    engine.set('plex', 'down');

    const list = await api.status.list.query();
    expect(list.map((s) => s.service)).toEqual(['plex', 'overseerr']);
    const plex = await api.status.get.query({ service: 'plex' });
    expect(plex.status).toBe('down');
    expect(plex.lastCheck).toBeInstanceOf(Date);
    const history = await api.status.history.query({ limit: 10 });
    expect(history.items.map((c) => c.service)).toEqual(['plex']);
  });

  it('answers NOT_FOUND for an unknown service', async () => {
    await setup();
    const api = client(VIEWER_TOKEN);
    expect(await codeOf(api.status.get.query({ service: 'nope' }))).toBe(
      'NOT_FOUND',
    );
  });

  it('answers BAD_REQUEST for invalid inputs', async () => {
    await setup();
    const api = client(VIEWER_TOKEN);
    const bad = [
      api.status.history.query({ limit: 0 }),
      api.status.history.query({ limit: 501 }),
      api.status.history.query({ limit: 5, cursor: 'not an id' }),
      api.status.get.query({ service: '' }),
      // @ts-expect-error wrong type on purpose
      api.status.get.query({ service: 42 }),
    ];
    for (const call of bad) expect(await codeOf(call)).toBe('BAD_REQUEST');
  });

  it('reports health with subscriber counts', async () => {
    await setup();
    const api = client(VIEWER_TOKEN);
    const sub = collect((h) => api.status.onChange.subscribe(undefined, h));
    await sub.until(2);
    const health = await api.system.health.query();
    expect(health.engine.mode).toBe('kuma');
    expect(health.server.startedAt).toBeInstanceOf(Date);
    expect(health.subscribers['status.onChange']).toBe(1);
    sub.stop();
  });
});

describe('notifications.recent', () => {
  it('answers the origin id while there are no notifications', async () => {
    await setup();
    expect(await client(VIEWER_TOKEN).notifications.recent.query()).toEqual({
      items: [],
      lastEventId: ORIGIN_EVENT_ID,
    });
  });

  it('lists the newest first, 20 unless told, with the newest id', async () => {
    const { engine } = await setup();
    const api = client(VIEWER_TOKEN);
    const notes = Array.from({ length: 25 }, (_, i) =>
      engine.notify(i % 2 ? 'recovered' : 'down', 'plex'),
    );
    const newestFirst = notes.map((n) => n.id).reverse();

    const recent = await api.notifications.recent.query();
    expect(recent.items.map((n) => n.id)).toEqual(newestFirst.slice(0, 20));
    expect(recent.lastEventId).toBe(newestFirst[0]);
    expect(recent.items[0]).toEqual(notes.at(-1));
    expect(recent.items[0]?.at).toBeInstanceOf(Date);
    const two = await api.notifications.recent.query({ limit: 2 });
    expect(two).toEqual({
      items: [notes[24], notes[23]],
      lastEventId: newestFirst[0],
    });
  });

  it('answers BAD_REQUEST for a limit outside 1..100', async () => {
    await setup();
    const api = client(VIEWER_TOKEN);
    for (const limit of [0, 101, 1.5]) {
      expect(await codeOf(api.notifications.recent.query({ limit }))).toBe(
        'BAD_REQUEST',
      );
    }
    expect(await codeOf(api.notifications.recent.query({ limit: 100 }))).toBe(
      'OK',
    );
  });

  it('needs a token like the other reads', async () => {
    await setup();
    expect(await codeOf(client().notifications.recent.query())).toBe(
      'UNAUTHORIZED',
    );
  });
});

describe('auth', () => {
  it('refuses a missing or unknown token over HTTP and WebSocket', async () => {
    await setup();
    expect(await codeOf(client().status.list.query())).toBe('UNAUTHORIZED');
    expect(await codeOf(client('x'.repeat(20)).status.list.query())).toBe(
      'UNAUTHORIZED',
    );
    const anonymous = client();
    const sub = collect((h) =>
      anonymous.status.onChange.subscribe(undefined, h),
    );
    const error = await sub.failed();
    expect(codeFrom(error)).toBe('UNAUTHORIZED');
  });

  it('forbids viewers on admin procedures', async () => {
    const { engine } = await setup();
    const viewer = client(VIEWER_TOKEN);
    expect(await codeOf(viewer.admin.refresh.mutate())).toBe('FORBIDDEN');
    expect(engine.refreshCalls).toBe(0);
  });

  it('lets anonymous callers read with public read, not refresh', async () => {
    await setup({ publicRead: true });
    const anonymous = client();
    expect(await anonymous.status.list.query()).toHaveLength(2);
    expect(await codeOf(anonymous.admin.refresh.mutate())).toBe('UNAUTHORIZED');
    expect(await codeOf(client('wrong-token-123456').status.list.query())).toBe(
      'UNAUTHORIZED',
    );
  });
});

describe('system.whoami', () => {
  it('names the role of the caller', async () => {
    await setup({ publicRead: true });
    expect(await client(ADMIN_TOKEN).system.whoami.query()).toEqual({
      role: 'admin',
    });
    expect(await client(VIEWER_TOKEN).system.whoami.query()).toEqual({
      role: 'viewer',
    });
    expect(await client().system.whoami.query()).toEqual({
      role: 'anonymous',
    });
    expect(
      await codeOf(client('wrong-token-123456').system.whoami.query()),
    ).toBe('UNAUTHORIZED');
  });

  it('refuses a caller without a token when public read is off', async () => {
    await setup();
    expect(await codeOf(client().system.whoami.query())).toBe('UNAUTHORIZED');
  });
});

describe('admin.refresh', () => {
  it('returns the engine result and is rate-limited per token', async () => {
    const { engine } = await setup();
    const admin = client(ADMIN_TOKEN);
    expect(await admin.admin.refresh.mutate()).toEqual({
      changed: [],
      mode: 'kuma',
    });
    const error = await admin.admin.refresh.mutate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect(codeFrom(error)).toBe('TOO_MANY_REQUESTS');
    expect((error as Error).message).toMatch(/retry in \d+ s/);
    expect(engine.refreshCalls).toBe(1);
  });

  it('allows another call once the interval has passed', async () => {
    const { engine } = await setup({ refreshIntervalMs: 0 });
    const admin = client(ADMIN_TOKEN);
    await admin.admin.refresh.mutate();
    await admin.admin.refresh.mutate();
    expect(engine.refreshCalls).toBe(2);
  });
});
