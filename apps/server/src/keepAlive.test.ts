import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { startKeepAlive } from './keepAlive';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

async function serve(pingMs: number) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(wss, 'listening');
  const stop = startKeepAlive({ wss, pingMs });
  cleanups.push(() => wss.close());
  cleanups.push(stop);
  const { port } = wss.address() as AddressInfo;
  return { wss, stop, url: `ws://127.0.0.1:${port}` };
}

/**
 * Opens a client socket. Listeners go on before the handshake completes: on
 * a loaded machine the first PING can arrive in the same read as it.
 */
function connect(url: string) {
  const socket = new WebSocket(url);
  cleanups.push(() => socket.terminate());
  return socket;
}

/** Resolves after `n` PINGs have arrived on `socket`. */
function pings(socket: WebSocket, n: number) {
  return new Promise<void>((resolve) => {
    let seen = 0;
    socket.on('message', (data: Buffer) => {
      if (data.toString() === 'PING' && ++seen === n) resolve();
    });
  });
}

describe('startKeepAlive', () => {
  it('closes a connection that answers nothing', async () => {
    const { url } = await serve(50);
    const socket = connect(url);
    const firstPing = pings(socket, 1);
    const closed = once(socket, 'close');
    await firstPing;
    const [code] = (await closed) as [number];
    expect(code).toBe(1006);
  });

  it('keeps a connection that answers PING with PONG', async () => {
    const { url } = await serve(50);
    const socket = connect(url);
    socket.on('message', (data: Buffer) => {
      if (data.toString() === 'PING') socket.send('PONG');
    });
    await pings(socket, 4);
    expect(socket.readyState).toBe(WebSocket.OPEN);
  });

  it('pings no more once stopped', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    cleanups.push(() => vi.useRealTimers());
    const { wss, stop, url } = await serve(50);
    await once(connect(url), 'open');
    const [peer] = wss.clients;
    if (!peer) throw new Error('no connection on the server');
    const send = vi.spyOn(peer, 'send');
    vi.advanceTimersByTime(50);
    expect(send).toHaveBeenCalledTimes(1);
    stop();
    vi.advanceTimersByTime(500);
    expect(send).toHaveBeenCalledTimes(1);
  });
});
