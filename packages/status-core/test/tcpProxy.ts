import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  /** `redis://` URL of the proxy. */
  url: string;
  /** Every command clients sent through the proxy, oldest first. */
  commands: readonly string[][];
  /** Drops every connection and refuses new ones until `restore()`. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy on port 0 in front of the test Redis, so a test can cut one
 * client off while everyone else still reaches the server, and see what
 * that client sent.
 */
export async function startTcpProxy(
  target = { host: '127.0.0.1', port: 6379 },
): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const commands: string[][] = [];
  let open = true;
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = createServer((client) => {
    track(client);
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    track(upstream);
    record(client, commands);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const proxy: TcpProxy = {
    url: `redis://127.0.0.1:${port}`,
    commands,
    cut() {
      open = false;
      sockets.forEach((socket) => socket.destroy());
    },
    restore() {
      open = true;
    },
    async close() {
      proxy.cut();
      server.close();
      await once(server, 'close');
    },
  };
  return proxy;
}

/** Parses the commands a client sends (RESP arrays of bulk strings). */
function record(client: Socket, commands: string[][]): void {
  let pending = Buffer.alloc(0);
  client.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const parsed = parseCommand(pending);
      if (parsed === undefined) return;
      commands.push(parsed.args);
      pending = pending.subarray(parsed.length);
    }
  });
}

function parseCommand(
  buffer: Buffer,
): { args: string[]; length: number } | undefined {
  const header = readLine(buffer, 0);
  if (header === undefined) return undefined;
  const args: string[] = [];
  let at = header.next;
  for (let i = 0; i < Number(header.line.slice(1)); i++) {
    const size = readLine(buffer, at);
    if (size === undefined) return undefined;
    const end = size.next + Number(size.line.slice(1));
    if (buffer.length < end + 2) return undefined;
    args.push(buffer.toString('utf8', size.next, end));
    at = end + 2;
  }
  return { args, length: at };
}

function readLine(
  buffer: Buffer,
  from: number,
): { line: string; next: number } | undefined {
  const end = buffer.indexOf('\r\n', from);
  if (end === -1) return undefined;
  return { line: buffer.toString('utf8', from, end), next: end + 2 };
}
