import type { IncomingMessage, RequestListener } from 'node:http';
import { transformTRPCResponse } from '@trpc/server';
import { benchContext, type BenchRouter } from './benchRouter';
import type { BenchStatus } from './payload';

/**
 * An experiment for `status.list`: answer the exact request `httpBatchLink`
 * sends for it (no input, alone in its batch) with the response tRPC would
 * send, serialized once per change of the list instead of once per request.
 * Anything else, including unauthorized calls, goes to tRPC.
 */
export function createCachedListHandler(opts: {
  router: BenchRouter;
  list: () => BenchStatus[];
  next: RequestListener;
}): RequestListener {
  let cachedFor: BenchStatus[] | null = null;
  let body = '';
  const serialize = (list: BenchStatus[]) =>
    JSON.stringify(
      transformTRPCResponse(opts.router._def._config, [
        { result: { data: list } },
      ]),
    );

  return (req, res) => {
    if (
      !isPlainListCall(req, opts.router) ||
      !benchContext({ req }).authorized
    ) {
      opts.next(req, res);
      return;
    }
    const list = opts.list();
    if (list !== cachedFor) {
      body = serialize(list);
      cachedFor = list;
    }
    // The headers tRPC sends for this response, minus chunking.
    res.writeHead(200, {
      'content-type': 'application/json',
      vary: 'trpc-accept, accept',
    });
    res.end(body);
  };
}

/** A GET of `status.list` alone in its batch, with no input. */
function isPlainListCall(req: IncomingMessage, router: BenchRouter) {
  // `trpc-accept` asks for a streamed (jsonl) batch: tRPC's to answer.
  if (req.method !== 'GET' || !req.url || req.headers['trpc-accept']) {
    return false;
  }
  const url = new URL(req.url, 'http://localhost');
  const input = url.searchParams.get('input');
  if (
    url.pathname !== '/status.list' ||
    url.searchParams.size !== 2 ||
    url.searchParams.get('batch') !== '1' ||
    input === null
  ) {
    return false;
  }
  try {
    const calls = JSON.parse(input) as Record<string, unknown>;
    const keys = Object.keys(calls);
    if (keys.length !== 1 || keys[0] !== '0') return false;
    const { transformer } = router._def._config;
    return transformer.input.deserialize(calls['0']) === undefined;
  } catch {
    return false;
  }
}
