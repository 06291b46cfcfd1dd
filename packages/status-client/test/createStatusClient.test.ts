import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { App } from '@medianest/server';
import { VIEWER_TOKEN, startFakeApp } from '../../../apps/server/test/harness';
import { createStatusClient, type ConnectionState } from '../src';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The real server in front of the server tests' fake engine. */
async function start() {
  const started = await startFakeApp();
  app = started.app;
  return started;
}

function client(url: string) {
  return createStatusClient({
    url,
    token: VIEWER_TOKEN,
    WebSocket,
    retryDelayMs: () => 50,
  });
}

describe('createStatusClient', () => {
  it('queries over HTTP with superjson types, from a base or /trpc URL', async () => {
    const { app: server, engine } = await start();
    const plex = await engine.get('plex');
    for (const url of [server.url, `${server.url}/trpc/`]) {
      const api = client(url);
      const [status] = await api.status.list.query();
      expect(status?.lastCheck).toBeInstanceOf(Date);
      expect(status?.lastCheck).toEqual(plex?.lastCheck);
      await api.close();
    }
  });

  it('reports connecting, open, reconnecting, open, closed', async () => {
    const { app: server } = await start();
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

  it('ends a subscription started after close() without a new socket', async () => {
    const { app: server } = await start();
    const api = client(server.url);
    await api.close();
    const completed = new Promise<void>((resolve) => {
      api.status.onChange.subscribe(undefined, {
        onData: () => undefined,
        onComplete: resolve,
      });
    });
    await completed;
    // Long enough for a reopened socket to reach the server.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.wss.clients.size).toBe(0);
    expect(api.connectionState.get()).toBe('closed');
  });
});
