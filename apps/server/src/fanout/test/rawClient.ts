import superjson from 'superjson';
import { WebSocket } from 'ws';
import type { SubscriptionKey } from '../frames';

/**
 * A WebSocket client that speaks tRPC's wire protocol by hand, so that tests
 * can choose request ids and compare the exact frames received.
 */
export async function openRawClient(url: string) {
  const socket = new WebSocket(url);
  const frames: string[] = [];
  const waiters: { check: () => boolean; resolve: () => void }[] = [];
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    // Marked so that a binary frame never equals the stock text frame.
    const text = data.toString('utf8');
    frames.push(isBinary ? `(binary) ${text}` : text);
    for (const waiter of [...waiters]) {
      if (waiter.check()) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  const until = async (check: () => boolean) => {
    if (check()) return;
    await new Promise<void>((resolve) => waiters.push({ check, resolve }));
  };
  const pongs = () => frames.filter((f) => f === 'PONG').length;
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });

  /** Resolves with the first frame received that passes `test`. */
  async function waitFor(test: (frame: string) => boolean) {
    await until(() => frames.some(test));
    return frames.find(test)!;
  }

  return {
    socket,
    frames,
    waitFor,
    subscribe(key: SubscriptionKey, path: string) {
      const request = {
        id: key.id,
        ...(key.jsonrpc ? { jsonrpc: key.jsonrpc } : {}),
        method: 'subscription',
        params: { path, input: superjson.serialize(undefined) },
      };
      socket.send(JSON.stringify(request));
      return waitFor((f) => isResult(f, key.id, 'started'));
    },
    stop(id: number | string) {
      socket.send(JSON.stringify({ id, method: 'subscription.stop' }));
      return waitFor((f) => isResult(f, id, 'stopped'));
    },
    /** Resolves once every frame the server wrote before now has arrived. */
    async barrier() {
      const before = pongs();
      socket.send('PING');
      await until(() => pongs() > before);
    },
    until,
    dataFrames(id: number | string) {
      return frames.filter((f) => isResult(f, id, 'data'));
    },
    close() {
      socket.terminate();
    },
  };
}

export type RawClient = Awaited<ReturnType<typeof openRawClient>>;

function isResult(frame: string, id: number | string, type: string) {
  if (!frame.startsWith('{')) return false;
  const message = JSON.parse(frame) as {
    id?: unknown;
    result?: { type?: unknown };
  };
  return message.id === id && message.result?.type === type;
}
