import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  createApp,
  createLogger,
  loadServerConfig,
  type App,
  type ManagedEngine,
} from '@medianest/server';
import { createStatusClient, type ConnectionState } from '../src';

const TOKEN = 'viewer-token-for-client-tests';

/** The least engine a server needs: one service that never changes. */
const engine: ManagedEngine['api'] = {
  list: () => Promise.resolve([plex]),
  get: (id) => Promise.resolve(id === 'plex' ? plex : undefined),
  history: () => Promise.resolve({ items: [], nextCursor: null }),
  readAfter: () => Promise.resolve({ items: [], expired: false }),
  readNotificationsAfter: () => Promise.resolve({ items: [], expired: false }),
  onChange: () => () => undefined,
  onNotification: () => () => undefined,
  refresh: () => Promise.resolve({ changed: [], mode: 'kuma' }),
  health: () => ({
    mode: 'kuma',
    source: 'ready',
    dialect: '2.x',
    kumaVersion: '2.0.0',
    leader: true,
    store: 'memory',
    storeHealthy: true,
    lastChangeId: null,
  }),
};
const plex = {
  service: 'plex',
  displayName: 'Plex',
  status: 'up' as const,
  source: 'kuma' as const,
  lastCheck: new Date('2026-01-01T00:00:00Z'),
  monitors: [],
};

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(): Promise<App> {
  const config = await loadServerConfig({
    value: {
      server: { host: '127.0.0.1', port: 0 },
      auth: { tokens: [{ token: TOKEN, role: 'viewer' }] },
    },
  });
  app = await createApp({
    config,
    engine: { api: engine, stop: () => Promise.resolve() },
    logger: createLogger({ level: 'silent' }),
  });
  return app;
}

function client(url: string) {
  return createStatusClient({
    url,
    token: TOKEN,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    retryDelayMs: () => 50,
  });
}

describe('createStatusClient', () => {
  it('queries over HTTP with superjson types, from a base or /trpc URL', async () => {
    const server = await start();
    for (const url of [server.url, `${server.url}/trpc/`]) {
      const api = client(url);
      const [status] = await api.status.list.query();
      expect(status?.lastCheck).toEqual(plex.lastCheck);
      await api.close();
    }
  });

  it('reports connecting, open, reconnecting, open, closed', async () => {
    const server = await start();
    const api = client(server.url);
    const seen: ConnectionState[] = [];
    const opened = (n: number) =>
      new Promise<void>((resolve) => {
        const stop = api.connectionState.subscribe(() => {
          if (seen.filter((s) => s === 'open').length >= n) {
            resolve();
            queueMicrotask(() => stop());
          }
        });
      });
    api.connectionState.subscribe((state) => seen.push(state));
    const sub = api.status.onChange.subscribe(undefined, {
      onData: () => undefined,
    });
    await opened(1);
    for (const socket of server.wss.clients) socket.terminate();
    await opened(2);
    sub.unsubscribe();
    await api.close();
    expect(seen).toEqual([
      'connecting',
      'open',
      'reconnecting',
      'open',
      'closed',
    ]);
    expect(api.connectionState.get()).toBe('closed');
  });
});
