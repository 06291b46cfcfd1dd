import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import superjson from 'superjson';
import { WebSocket } from 'ws';
import type { BenchRouter } from './benchRouter';
import { nowNs, toParent } from './ipc';

/** N subscribers in this process: stock wsLink clients, or raw sockets. */
const [kind, url, countArg, token] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const total = Number(countArg);
const BATCH = 200;
const seen = new Map<string, number>();

function received(id: string) {
  const count = (seen.get(id) ?? 0) + 1;
  seen.set(id, count);
  if (count === 1) toParent({ type: 'first', id, t: nowNs() });
  if (count === total) toParent({ type: 'delivered', id, t: nowNs() });
}

function connectTrpc() {
  return new Promise<void>((resolve, reject) => {
    const wsClient = createWSClient({
      url,
      WebSocket: WebSocket as never,
      connectionParams: { token },
    });
    const client = createTRPCClient<BenchRouter>({
      links: [wsLink({ client: wsClient, transformer: superjson })],
    });
    client.status.onChange.subscribe(undefined, {
      onStarted: () => resolve(),
      onData: (event) => received(event.id),
      onError: reject,
    });
  });
}

function connectRaw() {
  return new Promise<void>((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { id: string };
      received(message.id);
    });
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
}

/**
 * tRPC's wire protocol with nothing but JSON.parse on arrival: the cheapest
 * client a tRPC server can have, to measure the server when stock wsLink
 * clients saturate their core.
 */
function connectJson() {
  return new Promise<void>((resolve, reject) => {
    const socket = new WebSocket(`${url}?connectionParams=1`);
    socket.once('open', () => {
      socket.send(
        JSON.stringify({ method: 'connectionParams', data: { token } }),
      );
      const params = {
        path: 'status.onChange',
        input: superjson.serialize(undefined),
      };
      socket.send(JSON.stringify({ id: 1, method: 'subscription', params }));
    });
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as {
        result?: { type: string; id?: string };
      };
      if (message.result?.type === 'started') resolve();
      if (message.result?.id !== undefined) received(message.result.id);
    });
    socket.once('error', reject);
  });
}

/** Plain ws with superjson on arrival, as wsLink decodes its payloads. */
function connectRawSuperjson() {
  return new Promise<void>((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('message', (data: Buffer) => {
      const message = superjson.parse<{ id: string }>(data.toString('utf8'));
      received(message.id);
    });
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
}

const connectors = {
  raw: connectRaw,
  'raw/sj': connectRawSuperjson,
  trpc: connectTrpc,
  json: connectJson,
};

let cpu = process.cpuUsage();
process.on('message', (message: { cmd: string }) => {
  if (message.cmd === 'cpuStart') cpu = process.cpuUsage();
  if (message.cmd !== 'cpuStop') return;
  const used = process.cpuUsage(cpu);
  toParent({ type: 'cpu', micros: used.user + used.system });
});

async function main() {
  const connect = connectors[kind as keyof typeof connectors];
  for (let done = 0; done < total; done += BATCH) {
    const size = Math.min(BATCH, total - done);
    await Promise.all(Array.from({ length: size }, connect));
  }
  toParent({ type: 'ready', connected: total });
}

process.on('disconnect', () => process.exit(0));
main().catch((error: unknown) => {
  toParent({ type: 'failed', message: String(error) });
});
