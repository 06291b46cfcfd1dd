import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import {
  startFanoutTestServer,
  statusEvent,
  type FanoutTestServer,
} from './fanoutTestServer';
import { openRawClient, type RawClient } from './rawClient';
import { subscribeWithWsLink } from './wsLinkClient';

let server: FanoutTestServer | undefined;
const closers: (() => unknown)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await server?.close();
  server = undefined;
});

function wsLinkSubscriber(path: 'fast' | 'late' | 'stock') {
  const subscriber = subscribeWithWsLink(server!, path);
  closers.push(subscriber.close);
  return subscriber;
}

async function rawClient(url: string) {
  const client = await openRawClient(url);
  closers.push(() => client.close());
  return client;
}

describe('fan-out with stock wsLink clients', () => {
  it('resumes after a reconnect with exactly the missed events', async () => {
    server = await startFanoutTestServer();
    const first = [statusEvent(), statusEvent()];
    first.forEach((event) => server!.publish(event));
    const client = wsLinkSubscriber('fast');
    await client.until(() => client.received.length === 2);
    const live = statusEvent('down');
    server.publish(live);
    await client.until(() => client.received.length === 3);
    expect(client.received[2]?.data.changedAt).toBeInstanceOf(Date);

    for (const socket of server.wss.clients) socket.terminate();
    const missed = [statusEvent(), statusEvent('down')];
    missed.forEach((event) => server!.publish(event));
    await client.until(() => client.starts() === 2);
    const after = statusEvent();
    server.publish(after);

    await client.until(() => client.received.length === 6);
    const expected = [...first, live, ...missed, after];
    expect(client.received).toEqual(expected);
    expect(server.fanout.counts()).toEqual({ fast: 1, stock: 0 });
  });

  it('falls back to the stock path on an unverified tRPC version', async () => {
    server = await startFanoutTestServer({ verifiedTrpcVersion: '0.0.0' });
    expect(server.handler.compatibility.ok).toBe(false);
    server.publish(statusEvent());
    const client = wsLinkSubscriber('fast');
    await client.until(() => client.received.length === 1);
    server.publish(statusEvent('down'));

    await client.until(() => client.received.length === 2);
    expect(server.fanout.counts()).toEqual({ fast: 0, stock: 1 });
    expect(client.received[1]?.data.status).toBe('down');
  });

  it('falls back per subscriber when it cannot claim its id', async () => {
    server = await startFanoutTestServer();
    const late = await rawClient(server.url);
    const stock = await rawClient(server.url);
    await late.subscribe({ id: 5, jsonrpc: '2.0' }, 'late');
    await stock.subscribe({ id: 5, jsonrpc: '2.0' }, 'stock');
    await late.barrier();
    expect(server.fanout.counts()).toEqual({ fast: 0, stock: 1 });

    server.publish(statusEvent());
    await late.until(() => late.dataFrames(5).length === 1);
    await stock.until(() => stock.dataFrames(5).length === 1);
    expect(late.dataFrames(5)).toEqual(stock.dataFrames(5));
  });

  it('never takes the fast path in stock mode', async () => {
    server = await startFanoutTestServer({ fanout: { mode: 'stock' } });
    const client = wsLinkSubscriber('fast');
    await client.until(() => client.starts() === 1);
    server.publish(statusEvent());
    await client.until(() => client.received.length === 1);
    expect(server.fanout.counts()).toEqual({ fast: 0, stock: 1 });
  });
});

describe('fan-out slow consumers', () => {
  const big = 'x'.repeat(64 * 1024);

  function pausedReader(client: RawClient) {
    const raw = client.socket as unknown as { _socket: { pause(): void } };
    raw._socket.pause();
  }

  async function flood(server: FanoutTestServer, done: () => boolean) {
    for (let i = 0; i < 2_000 && !done(); i += 1) {
      const event = statusEvent();
      server.publish({ ...event, data: { ...event.data, service: big } });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it.each(['fast', 'late'] as const)(
    'closes a %s subscriber that stops reading, not the others',
    async (path) => {
      const dropped: (WebSocket | undefined)[] = [];
      server = await startFanoutTestServer({
        fanout: {
          maxBufferedBytes: 256 * 1024,
          maxQueuedEvents: 64,
          onSlowConsumer: (socket) => dropped.push(socket),
        },
      });
      const slow = await rawClient(server.url);
      const healthy = await rawClient(server.url);
      await slow.subscribe({ id: 1, jsonrpc: undefined }, path);
      await healthy.subscribe({ id: 1, jsonrpc: undefined }, 'fast');
      pausedReader(slow);

      await flood(server, () => dropped.length > 0);
      expect(dropped).toHaveLength(1);
      expect(dropped[0]?.readyState).toBe(dropped[0]?.CLOSED);
      expect(server.fanout.counts()).toEqual({ fast: 1, stock: 0 });
      await healthy.barrier();
      expect(healthy.socket.readyState).toBe(healthy.socket.OPEN);
    },
  );
});
