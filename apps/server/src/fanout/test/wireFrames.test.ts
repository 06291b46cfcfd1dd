import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer, type ServerOptions } from 'ws';
import { directWrites, wireMessage, writeMessage } from '../wireFrames';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A server and one client; resolves with both ends and what arrives. */
async function pair(options: ServerOptions = {}) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', ...options });
  cleanups.push(() => wss.close());
  await once(wss, 'listening');
  const { port } = wss.address() as AddressInfo;
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  cleanups.push(() => client.terminate());
  const received: string[] = [];
  client.on('message', (data: Buffer) => received.push(data.toString()));
  const [[server]] = (await Promise.all([
    once(wss, 'connection'),
    once(client, 'open'),
  ])) as [[WebSocket], unknown];
  const until = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (received.length < n) return;
        client.off('message', check);
        resolve();
      };
      client.on('message', check);
      check();
    });
  return { server, received, until };
}

const rawSocket = (socket: WebSocket) =>
  (socket as unknown as { _socket: { write: () => boolean } })._socket;

describe('pre-built WebSocket frames', () => {
  it('match what the installed ws writes, so direct writes are on', () => {
    expect(directWrites).toBe(true);
    expect(wireMessage(Buffer.from('hi')).frame).toEqual(
      Buffer.from([0x81, 2, 0x68, 0x69]),
    );
  });

  it('reach the client whole and in order with send()', async () => {
    const { server, received, until } = await pair();
    const write = vi.spyOn(rawSocket(server), 'write');
    const long = 'c'.repeat(70_000);
    writeMessage(server, wireMessage(Buffer.from('a')));
    server.send('b');
    writeMessage(server, wireMessage(Buffer.from('é'.repeat(200))));
    writeMessage(server, wireMessage(Buffer.from(long)));
    await until(4);
    expect(received).toEqual(['a', 'b', 'é'.repeat(200), long]);
    // Three direct writes, and send()'s header and payload.
    const sizes = write.mock.calls.map(
      (call) => (call as unknown as [Buffer])[0].length,
    );
    expect(sizes).toEqual([3, 2, 1, 404, 70_010]);
  });

  it('go through send() when compression was negotiated', async () => {
    const { server, received, until } = await pair({
      perMessageDeflate: { threshold: 0 },
    });
    const send = vi.spyOn(server, 'send');
    writeMessage(server, wireMessage(Buffer.from('x'.repeat(500))));
    await until(1);
    expect(send).toHaveBeenCalledTimes(1);
    expect(received).toEqual(['x'.repeat(500)]);
  });
});
