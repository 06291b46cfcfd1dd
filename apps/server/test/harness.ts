import { afterEach } from 'vitest';
import { WebSocket } from 'ws';
import type { Logger } from 'pino';
import {
  createStatusClient,
  type ServiceStatusDto,
  type StatusClient,
  type StatusEventDto,
} from '@medianest/status-client';
import { loadServerConfig } from '../src/config';
import { createApp, type App } from '../src/createApp';
import { createLogger } from '../src/logger';
import type { StreamsMode } from '../src/streams/createSubscriptionStreams';
import { FakeEngine } from './fakeEngine';

export const ADMIN_TOKEN = 'admin-token-for-tests-0001';
export const VIEWER_TOKEN = 'viewer-token-for-tests-0001';

export interface FakeAppOptions {
  engine?: FakeEngine;
  publicRead?: boolean;
  refreshIntervalMs?: number;
  webDist?: string;
  logger?: Logger;
  streams?: StreamsMode;
}

/** The `auth` section of every test server: the two tokens above. */
export function testAuth(publicRead = false) {
  return {
    publicRead,
    tokens: [
      { token: ADMIN_TOKEN, role: 'admin', name: 'ops' },
      { token: VIEWER_TOKEN, role: 'viewer', name: 'wall' },
    ],
  };
}

/** A server on a free port in front of a FakeEngine. */
export async function startFakeApp(opts: FakeAppOptions = {}) {
  const engine = opts.engine ?? new FakeEngine();
  const config = await loadServerConfig({
    value: {
      server: {
        host: '127.0.0.1',
        port: 0,
        refreshIntervalMs: opts.refreshIntervalMs ?? 10_000,
        ...(opts.webDist ? { webDist: opts.webDist } : {}),
      },
      auth: testAuth(opts.publicRead),
    },
  });
  const app = await createApp({
    config,
    engine: engine.managed(),
    logger: opts.logger ?? createLogger({ level: 'silent' }),
    ...(opts.streams ? { streams: opts.streams } : {}),
  });
  return { app, engine, config };
}

/**
 * Fake apps and their clients for the tests of one file, each closed after
 * the test that started it. Call it at the top level of the file.
 */
export function fakeAppPerTest() {
  let current: App | undefined;
  const clients: StatusClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await current?.close();
    current = undefined;
  });
  const app = (): App => {
    if (!current) throw new Error('start() first');
    return current;
  };
  return {
    start: async (opts: FakeAppOptions = {}) => {
      const started = await startFakeApp(opts);
      current = started.app;
      return started;
    },
    /** A client of the app this test started. */
    client: (token?: string): StatusClient => {
      const made = connect(app(), token);
      clients.push(made);
      return made;
    },
    /** Drops every WebSocket from the server's side. */
    dropSockets: () => {
      for (const socket of app().wss.clients) socket.terminate();
    },
  };
}

/** A status-client on Node 20 with fast reconnects. */
export function connect(app: App, token?: string): StatusClient {
  return createStatusClient({
    url: app.url,
    ...(token ? { token } : {}),
    WebSocket,
    retryDelayMs: () => 100,
  });
}

export interface Collected<TData> {
  items: TData[];
  errors: unknown[];
  /** Resolves once `n` items have arrived in total. */
  until(n: number): Promise<TData[]>;
  /** Resolves once `check` holds for everything collected so far. */
  when(check: (items: TData[]) => boolean): Promise<void>;
  /** Resolves with the first error. */
  failed(): Promise<unknown>;
  stop(): void;
}

/** Collects what a subscription delivers, awaitable by count. */
export function collect<TData>(
  subscribe: (handlers: {
    onData: (data: TData) => void;
    onError: (error: unknown) => void;
  }) => { unsubscribe(): void },
): Collected<TData> {
  const items: TData[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  const poke = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const sub = subscribe({
    onData: (data) => {
      items.push(data);
      poke();
    },
    onError: (error) => {
      errors.push(error);
      poke();
    },
  });
  const waitFor = (check: () => boolean) =>
    new Promise<void>((resolve) => {
      const waiter = () => {
        if (!check()) return;
        waiters.delete(waiter);
        resolve();
      };
      waiters.add(waiter);
      waiter();
    });
  return {
    items,
    errors,
    until: async (n) => {
      await waitFor(() => items.length >= n);
      return items.slice(0, n);
    },
    when: (check) => waitFor(() => check(items)),
    failed: async () => {
      await waitFor(() => errors.length > 0);
      return errors[0];
    },
    stop: () => sub.unsubscribe(),
  };
}

/** The newest status of `service` among collected `status.onChange` events. */
export function latestOf(
  items: readonly StatusEventDto[],
  service: string,
): ServiceStatusDto | undefined {
  return items.findLast((e) => e.data.service === service)?.data;
}

/** Resolves when `check` holds, polling on a short interval. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves when the client's socket has dropped and opened again. */
export function reconnection(api: StatusClient): Promise<void> {
  return new Promise<void>((resolve) => {
    let dropped = false;
    api.connectionState.subscribe((state) => {
      if (state === 'reconnecting') dropped = true;
      if (state === 'open' && dropped) resolve();
    });
  });
}

/** Resolves once the server counts `n` subscribers of `procedure`. */
export function untilSubscribers(
  api: StatusClient,
  procedure: string,
  n: number,
): Promise<void> {
  return eventually(async () => {
    const health = await api.system.health.query();
    return health.subscribers[procedure] === n;
  });
}
