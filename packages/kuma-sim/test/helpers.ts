import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { afterEach } from 'vitest';

import { KumaSim } from '../src/index';
import type { KumaSimOptions } from '../src/index';

/** A test client that records every pushed event. */
export interface TestClient {
  socket: Socket;
  events: { event: string; args: unknown[] }[];
  /** Resolves with the args of the next `event` that matches `where`. */
  next(event: string, where?: (args: unknown[]) => boolean): Promise<unknown[]>;
  /** Resolves at once if `event` was already received. */
  seen(event: string): Promise<unknown[]>;
  request(event: string, ...args: unknown[]): Promise<unknown>;
  /** Ack timeout of `request`. */
  timeoutMs: number;
}

const clients: Socket[] = [];

/** Connects over websocket and waits for the pre-login `info`. */
export async function connectClient(sim: KumaSim): Promise<TestClient> {
  const socket = io(sim.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  clients.push(socket);
  const events: TestClient['events'] = [];
  const waiting: {
    event: string;
    where: (args: unknown[]) => boolean;
    resolve: (args: unknown[]) => void;
  }[] = [];
  socket.onAny((event: string, ...args: unknown[]) => {
    events.push({ event, args });
    const index = waiting.findIndex((w) => w.event === event && w.where(args));
    if (index >= 0) waiting.splice(index, 1)[0]?.resolve(args);
  });
  const client: TestClient = {
    socket,
    events,
    next: (event, where = () => true) =>
      new Promise((resolve) => waiting.push({ event, where, resolve })),
    seen: (event) => {
      const past = events.find((e) => e.event === event);
      return past ? Promise.resolve(past.args) : client.next(event);
    },
    request: (event, ...args) =>
      socket
        .timeout(client.timeoutMs)
        .emitWithAck(event, ...args) as Promise<unknown>,
    timeoutMs: 2000,
  };
  await client.next('info');
  return client;
}

/** Logs in with the default password and waits for the whole burst. */
export async function loginClient(
  sim: KumaSim,
  password = 'Admin12345!x',
): Promise<TestClient> {
  const client = await connectClient(sim);
  const done = client.next('initServerTimezone');
  await client.request('login', { username: 'admin', password, token: '' });
  await done;
  return client;
}

/** Closes every client opened by this module. */
export function closeClients(): void {
  for (const socket of clients.splice(0)) socket.close();
}

/**
 * Starts simulators with `defaults` for one test file; after each test it
 * closes every test client and every simulator started.
 */
export function simStarter(
  defaults: KumaSimOptions,
): (options?: KumaSimOptions) => Promise<KumaSim> {
  const started: KumaSim[] = [];
  afterEach(async () => {
    closeClients();
    await Promise.all(started.splice(0).map((sim) => sim.close()));
  });
  return async (options = {}) => {
    const sim = await KumaSim.start({ ...defaults, ...options });
    started.push(sim);
    return sim;
  };
}
