import type { IncomingMessage } from 'node:http';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Fanout } from '../src/fanout';
import type { ServiceStatus } from '@medianest/status-core';

/** The token clients send, checked as the real server's auth would. */
export const BENCH_TOKEN = 'bench-token';

interface BenchContext {
  authorized: boolean;
  ws: WebSocket | undefined;
}

/** Context for both adapters: a token from connectionParams or header. */
export function benchContext(opts: {
  req: IncomingMessage;
  ws?: WebSocket;
  connectionParams?: Record<string, string | undefined> | null;
}): BenchContext {
  const header = opts.req.headers.authorization?.replace(/^Bearer /, '');
  const token = opts.connectionParams?.token ?? header;
  return { authorized: token === BENCH_TOKEN, ws: opts.ws };
}

const t = initTRPC.context<BenchContext>().create({ transformer: superjson });
const readProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.authorized) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next();
});
const resumeInput = z.object({ lastEventId: z.string().nullish() }).optional();

/**
 * The shape of the server's `status` router: `list` from memory and
 * `onChange` through a fan-out (in `stock` mode for the stock path).
 */
export function createBenchRouter(opts: {
  fanout: Fanout<ServiceStatus>;
  list: () => ServiceStatus[];
}) {
  return t.router({
    status: t.router({
      list: readProcedure.query(() => opts.list()),
      // The benchmark measures live changes only: no snapshot.
      onChange: readProcedure
        .input(resumeInput)
        .subscription(({ ctx, signal }) =>
          opts.fanout.stream({ ws: ctx.ws, signal, backlog: () => [] }),
        ),
    }),
  });
}

export type BenchRouter = ReturnType<typeof createBenchRouter>;
