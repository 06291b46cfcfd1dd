import { afterEach, describe, expect, it } from 'vitest';
import type { SubscriptionKey } from '../frames';
import {
  startFanoutTestServer,
  statusEvent,
  type FanoutTestServer,
} from './fanoutTestServer';
import { openRawClient, type RawClient } from './rawClient';

let server: FanoutTestServer | undefined;
const clients: RawClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.close();
  server = undefined;
});

async function rawClient(url: string) {
  const client = await openRawClient(url);
  clients.push(client);
  return client;
}

const keys: SubscriptionKey[] = [
  { id: 1, jsonrpc: '2.0' },
  { id: 7, jsonrpc: undefined },
  { id: 'sub-"a"', jsonrpc: '2.0' },
  { id: 'sub-b', jsonrpc: undefined },
];

describe('fan-out frames', () => {
  it('writes the bytes the stock adapter writes for the same yield', async () => {
    server = await startFanoutTestServer();
    const pairs = [];
    for (const key of keys) {
      const fast = await rawClient(server.url);
      const stock = await rawClient(server.url);
      await fast.subscribe(key, 'fast');
      await stock.subscribe(key, 'stock');
      pairs.push({ key, fast, stock });
    }
    expect(server.fanout.counts()).toEqual({ fast: keys.length, stock: 0 });

    server.publish(statusEvent('down'));
    server.publish(statusEvent('up'));
    for (const { key, fast, stock } of pairs) {
      await fast.until(() => fast.dataFrames(key.id).length === 2);
      await stock.until(() => stock.dataFrames(key.id).length === 2);
      expect(fast.dataFrames(key.id)).toEqual(stock.dataFrames(key.id));
    }
    expect(pairs[0]?.fast.dataFrames(1)[0]).toContain('"Date"');
  });

  it('replays the backlog, then live events, in order and once', async () => {
    server = await startFanoutTestServer();
    const before = [statusEvent(), statusEvent()];
    for (const event of before) server.publish(event);
    const fast = await rawClient(server.url);
    const stock = await rawClient(server.url);
    await fast.subscribe({ id: 1, jsonrpc: undefined }, 'fast');
    server.publish(statusEvent());
    await stock.subscribe({ id: 1, jsonrpc: undefined }, 'stock');
    server.publish(statusEvent());

    await fast.until(() => fast.dataFrames(1).length === 4);
    await stock.until(() => stock.dataFrames(1).length === 4);
    await fast.barrier();
    expect(fast.dataFrames(1)).toEqual(stock.dataFrames(1));
  });
});

describe('fan-out subscriber lifecycle', () => {
  it('removes a subscriber before the adapter writes stopped', async () => {
    server = await startFanoutTestServer();
    const countsAtStopped: unknown[] = [];
    const { fanout } = server;
    server.wss.on('connection', (socket) => {
      const send = socket.send.bind(socket);
      socket.send = ((data: unknown, ...rest: never[]) => {
        if (String(data).includes('"stopped"')) {
          countsAtStopped.push(fanout.counts());
        }
        return send(data as string, ...rest);
      }) as typeof socket.send;
    });
    const client = await rawClient(server.url);
    await client.subscribe({ id: 3, jsonrpc: '2.0' }, 'fast');
    expect(fanout.counts().fast).toBe(1);

    await client.stop(3);
    server.publish(statusEvent());
    await client.barrier();

    expect(countsAtStopped).toEqual([{ fast: 0, stock: 0 }]);
    expect(client.dataFrames(3)).toEqual([]);
  });

  it('removes the subscribers of a socket that closes', async () => {
    server = await startFanoutTestServer();
    const closed = new Promise((resolve) => {
      server!.wss.on('connection', (socket) => socket.on('close', resolve));
    });
    const client = await rawClient(server.url);
    await client.subscribe({ id: 1, jsonrpc: undefined }, 'fast');
    await client.subscribe({ id: 2, jsonrpc: undefined }, 'fast');
    expect(server.fanout.counts().fast).toBe(2);

    client.close();
    await closed;
    expect(server.fanout.counts()).toEqual({ fast: 0, stock: 0 });
  });
});
