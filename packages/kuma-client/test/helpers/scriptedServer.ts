import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import type { Socket } from 'socket.io';
import { Server } from 'socket.io';
import type { CaptureLine } from './captures';
import { readCapture } from './captures';

export interface ScriptedServer {
  url: string;
  io: Server;
  /** 3.0 mode: HTTP requests (method, path, headers) and handshake cookies. */
  http: { method: string; path: string; headers: Record<string, unknown> }[];
  handshakeCookies: (string | undefined)[];
  /** Events every socket sent, with their arguments. */
  received: { event: string; args: unknown[] }[];
  close(): Promise<void>;
}

/** The session cookie the scripted 3.0 sign-in hands out. */
export const SCRIPTED_COOKIE = 'scripted-token.c2lnbmF0dXJl';

/**
 * A bare Socket.IO server on port 0 whose behaviour a test scripts. With
 * `kuma30`, it also answers the 3.0 probe and signs anyone in.
 */
export async function startScripted(
  onConnection: (socket: Socket) => void,
  opts: { kuma30?: boolean } = {},
): Promise<ScriptedServer> {
  const requests: ScriptedServer['http'] = [];
  const http = createServer((req, res) => {
    const path = req.url ?? '';
    requests.push({ method: req.method ?? '', path, headers: req.headers });
    // Like Kuma, answer every other request (the 3.0 probe gets a 404).
    if (!opts.kuma30) return void res.writeHead(404).end();
    res.setHeader('content-type', 'application/json');
    if (path === '/api/auth/sign-in/username') {
      res.setHeader(
        'set-cookie',
        `better-auth.session_token=${SCRIPTED_COOKIE}; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax`,
      );
      return void res.end('{"redirect":false}');
    }
    res.end(path === '/api/auth/ok' ? '{"ok":true}' : 'null');
  });
  const io = new Server(http);
  const received: ScriptedServer['received'] = [];
  const handshakeCookies: (string | undefined)[] = [];
  io.on('connection', (socket) => {
    handshakeCookies.push(socket.handshake.headers.cookie);
    socket.onAny((event: string, ...args: unknown[]) => {
      received.push({
        event,
        args: args.filter((a) => typeof a !== 'function'),
      });
    });
    onConnection(socket);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    io,
    received,
    http: requests,
    handshakeCookies,
    close: () =>
      new Promise<void>((resolve) => {
        void io.close(() => resolve());
      }),
  };
}

/**
 * Replays socket A of a capture: its server pushes in order, each client
 * request answered with the recorded ack, then the pushes that followed it.
 * Pushes after the first `initServerTimezone` (the live phase) are sent only
 * with `live`, 300 ms after the burst so that the client is ready by then.
 */
export function replayCapture(
  name: string,
  opts: { live?: boolean } = {},
): (socket: Socket) => void {
  const lines = readCapture(name).filter(
    (line) => line.sock === 'A' && line.dir !== 'marker',
  );
  const stop = lines.findIndex((l) => l.event === 'initServerTimezone') + 1;
  const live = lines.slice(stop).filter((line) => line.dir === 'server');
  return (socket) => {
    if (opts.live) {
      setTimeout(() => {
        for (const line of live) socket.emit(line.event, ...line.args);
      }, 300).unref();
    }
    let index = flush(socket, lines, { from: 0, stop });
    socket.onAny((event: string, ...args: unknown[]) => {
      const line = lines[index];
      if (line?.dir !== 'client' || line.event !== event) return;
      const ack = args.at(-1);
      index = answer({ socket, lines, index: index + 1, stop, ack });
    });
  };
}

function answer(opts: {
  socket: Socket;
  lines: CaptureLine[];
  index: number;
  stop: number;
  ack: unknown;
}): number {
  let index = opts.index;
  // Pushes recorded before the ack go out before it (2.x bursts).
  index = flush(opts.socket, opts.lines, { from: index, stop: opts.stop });
  const line = opts.lines[index];
  if (line?.dir === 'ack' && typeof opts.ack === 'function') {
    (opts.ack as (...a: unknown[]) => void)(...line.args);
    index += 1;
  }
  return flush(opts.socket, opts.lines, { from: index, stop: opts.stop });
}

function flush(
  socket: Socket,
  lines: CaptureLine[],
  range: { from: number; stop: number },
): number {
  const { from, stop } = range;
  let index = from;
  while (index < lines.length && lines[index]!.dir === 'server') {
    if (index < stop) socket.emit(lines[index]!.event, ...lines[index]!.args);
    index += 1;
  }
  return index;
}
