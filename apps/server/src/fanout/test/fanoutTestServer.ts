import { on, EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { initTRPC, tracked } from '@trpc/server';
import superjson from 'superjson';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { applyFanoutWSSHandler } from '../applyFanoutWSSHandler';
import { createFanout, type FanoutOptions } from '../createFanout';
import type { FanoutEvent } from '../frames';

/** A status-like payload with a Date, so superjson has work to do. */
export interface TestStatus {
  service: string;
  status: 'up' | 'down';
  changedAt: Date;
}

export interface FanoutTestServerOptions {
  fanout?: FanoutOptions;
  verifiedTrpcVersion?: string;
}

const resumeInput = z.object({ lastEventId: z.string().nullish() }).nullish();

/**
 * A router with the same subscription three ways: through the fan-out
 * (`fast`), through the fan-out after an await (`late`, which can't claim
 * its subscription and so takes the stock path), and as a plain generator
 * (`stock`), served on a real port.
 */
export async function startFanoutTestServer(
  opts: FanoutTestServerOptions = {},
) {
  const fanout = createFanout<TestStatus>(opts.fanout);
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const log: FanoutEvent<TestStatus>[] = [];
  const since = (lastEventId: string | null | undefined) => {
    const at = log.findIndex((event) => event.id === lastEventId);
    return log.slice(at + 1);
  };

  const t = initTRPC
    .context<{ ws: WebSocket | undefined }>()
    .create({ transformer: superjson });
  const router = t.router({
    fast: t.procedure.input(resumeInput).subscription(async function* ({
      ctx,
      input,
      signal,
    }) {
      yield* fanout.stream({
        ws: ctx.ws,
        signal,
        backlog: () => since(input?.lastEventId),
      });
    }),
    late: t.procedure.input(resumeInput).subscription(async function* ({
      ctx,
      input,
      signal,
    }) {
      await Promise.resolve();
      yield* fanout.stream({
        ws: ctx.ws,
        signal,
        backlog: () => since(input?.lastEventId),
      });
    }),
    stock: t.procedure.input(resumeInput).subscription(async function* ({
      input,
      signal,
    }) {
      const live = on(emitter, 'event', { signal });
      for (const e of since(input?.lastEventId)) yield tracked(e.id, e.data);
      for await (const [event] of live) {
        const e = event as FanoutEvent<TestStatus>;
        yield tracked(e.id, e.data);
      }
    }),
  });

  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  const handler = applyFanoutWSSHandler({
    wss,
    router,
    createContext: ({ res }) => ({ ws: res }),
    ...(opts.verifiedTrpcVersion
      ? { verifiedTrpcVersion: opts.verifiedTrpcVersion }
      : {}),
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}`,
    wss,
    fanout,
    handler,
    router,
    publish(event: FanoutEvent<TestStatus>) {
      log.push(event);
      fanout.publish(event);
      emitter.emit('event', event);
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

export type FanoutTestServer = Awaited<
  ReturnType<typeof startFanoutTestServer>
>;

let seq = 0;
/** A new event with a distinct id and a Date. */
export function statusEvent(status: 'up' | 'down' = 'up') {
  seq += 1;
  return {
    id: `evt-${seq}`,
    data: {
      service: `svc "${seq}" é`,
      status,
      changedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, seq)),
    },
  } satisfies FanoutEvent<TestStatus>;
}
