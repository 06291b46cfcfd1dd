import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  wsLink,
  type TRPCClient,
} from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '@medianest/server';
import { reconnectBackoff } from './backoff';
import { endAfterCloseLink } from './endAfterCloseLink';
import {
  createConnectionState,
  type ConnectionStateStore,
} from './connectionState';

/**
 * A WebSocket class: the global one of browsers and Node 22+, or `ws`'s
 * (its types differ from the DOM's, its behaviour is what tRPC needs).
 */
export type WebSocketClass = new (
  url: string,
  protocols?: string | string[],
) => object;

export interface StatusClientOptions {
  /**
   * The server's base URL, e.g. `http://status.lan:3000` (a trailing
   * `/trpc` is accepted). The WebSocket URL is derived from it.
   */
  url: string;
  /** Bearer token; omit when the server allows public read. */
  token?: string;
  /**
   * The WebSocket class. Browsers and Node 22+ have one; on Node 20 pass
   * `WebSocket` from the `ws` package.
   * @default globalThis.WebSocket
   */
  WebSocket?: WebSocketClass;
  /** Delay before reconnect attempt n (0-based). @default reconnectBackoff */
  retryDelayMs?: (attempt: number) => number;
  /**
   * Ping the server this often and reconnect when it stops answering;
   * 0 turns it off. @default 10000
   */
  keepAliveMs?: number;
}

/** What `createStatusClient` adds next to the procedures. */
export interface StatusClientExtras {
  /** The WebSocket's state; queries over HTTP do not depend on it. */
  readonly connectionState: ConnectionStateStore;
  /**
   * Closes the WebSocket for good and ends every subscription, also those
   * started after it.
   */
  close: () => Promise<void>;
}

/** A typed client of the status API plus its connection controls. */
export type StatusClient = TRPCClient<AppRouter> & StatusClientExtras;

/**
 * Creates a client: subscriptions over one WebSocket (reconnecting, and
 * resuming each subscription after the last event it delivered), queries
 * and mutations over batched HTTP.
 * @example
 * const client = createStatusClient({ url: 'http://127.0.0.1:3000', token });
 * const statuses = await client.status.list.query();
 */
export function createStatusClient(opts: StatusClientOptions): StatusClient {
  const urls = endpoints(opts.url);
  const state = createConnectionState();
  let closing = false;
  const keepAliveMs = opts.keepAliveMs ?? 10_000;

  const ws = createWSClient({
    url: urls.ws,
    ...(opts.WebSocket
      ? { WebSocket: opts.WebSocket as typeof globalThis.WebSocket }
      : {}),
    ...(opts.token ? { connectionParams: { token: opts.token } } : {}),
    retryDelayMs: opts.retryDelayMs ?? reconnectBackoff,
    keepAlive: { enabled: keepAliveMs > 0, intervalMs: keepAliveMs || 10_000 },
    onOpen: () => state.set('open'),
    onClose: () => state.set(closing ? 'closed' : 'reconnecting'),
  });
  const trpc = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: [
          endAfterCloseLink<AppRouter>(() => closing),
          wsLink<AppRouter>({ client: ws, transformer: superjson }),
        ],
        false: httpBatchLink<AppRouter>({
          url: urls.http,
          transformer: superjson,
          headers: () =>
            opts.token ? { authorization: `Bearer ${opts.token}` } : {},
        }),
      }),
    ],
  });

  const extras: StatusClientExtras = {
    connectionState: state,
    close: async () => {
      closing = true;
      await ws.close();
      state.set('closed');
    },
  };
  return withExtras(trpc, extras);
}

/**
 * The tRPC client is a proxy that turns every property into a procedure
 * path, so the extras are served by a proxy in front of it.
 */
function withExtras(
  trpc: TRPCClient<AppRouter>,
  extras: StatusClientExtras,
): StatusClient {
  return new Proxy(trpc, {
    get(target, key, receiver) {
      if (key in extras) return extras[key as keyof StatusClientExtras];
      return Reflect.get(target, key, receiver) as unknown;
    },
  }) as StatusClient;
}

function endpoints(url: string): { http: string; ws: string } {
  const base = new URL(url);
  const path = base.pathname.replace(/\/+$/, '');
  base.pathname = path.endsWith('/trpc') ? path : `${path}/trpc`;
  const http = base.toString().replace(/\/$/, '');
  const ws = http.replace(/^http/, 'ws');
  return { http, ws };
}
