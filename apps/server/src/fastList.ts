import type { IncomingMessage, ServerResponse } from 'node:http';
import { transformTRPCResponse } from '@trpc/server';
import type { ServiceStatus, StatusEngineApi } from '@medianest/status-core';
import { bearerToken, type Authenticator } from './auth';
import type { AppMetrics } from './metrics';
import type { AppRouter } from './router';

/** The URL prefix of a `status.list` call made on its own. */
const LIST_PREFIX = '/trpc/status.list?';

/** Distinct accepted URLs remembered, so repeats skip the parsing. */
const MAX_REMEMBERED_URLS = 16;

export interface FastListOptions {
  router: AppRouter;
  engine: StatusEngineApi;
  /** The authenticator `createContext` uses: same tokens, same public read. */
  authenticator: Authenticator;
  metrics: AppMetrics;
  /**
   * The longest a serialized body is reused when no change was published
   * and `engine.list()` returned the same status objects (in case one was
   * edited in place).
   * @default 1_000
   */
  maxAgeMs?: number;
  /** @default Date.now */
  clock?: () => number;
}

/** Answers the one request dashboards repeat most, serialized once. */
export interface FastList {
  /**
   * Answers `req` and resolves true, or resolves false without touching
   * `res`: hand the request to tRPC then.
   */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

interface CachedBody {
  /** The newest change when it was built: any later change rebuilds it. */
  changeId: string | null;
  /** The statuses it was serialized from, compared by identity. */
  source: readonly ServiceStatus[];
  body: Buffer;
  at: number;
}

/**
 * `status.list` as `httpBatchLink` asks for it (a GET batch of that call
 * alone, no input, no streaming) answered with the bytes tRPC would send,
 * serialized once per change instead of once per request. The same
 * authenticator decides; a caller it refuses, an engine that fails and
 * every other request go to tRPC, which then answers as it always does.
 */
export function createFastList(opts: FastListOptions): FastList {
  const { engine, authenticator, metrics } = opts;
  const maxAgeMs = opts.maxAgeMs ?? 1_000;
  const clock = opts.clock ?? Date.now;
  const config = opts.router._def._config;
  const accepted = new Set<string>();
  let cached: CachedBody | null = null;

  // No listener of its own: the newest change id says whether a change was
  // published, and comparing the statuses by identity catches the silent
  // replacements (uptime, response time) that publish none.
  const bodyFor = (list: readonly ServiceStatus[], changeId: string | null) => {
    const now = clock();
    if (
      cached?.changeId === changeId &&
      now - cached.at < maxAgeMs &&
      sameItems(cached.source, list)
    ) {
      return cached.body;
    }
    const message = transformTRPCResponse(config, [{ result: { data: list } }]);
    const body = Buffer.from(JSON.stringify(message));
    cached = { changeId, source: list, body, at: now };
    return body;
  };
  const isPlain = (url: string): boolean => {
    if (accepted.has(url)) return true;
    const query = url.slice(LIST_PREFIX.length);
    if (!isPlainListQuery(query, config.transformer.input)) return false;
    if (accepted.size < MAX_REMEMBERED_URLS) accepted.add(url);
    return true;
  };

  return {
    async handle(req, res) {
      const url = req.url ?? '';
      if (!mentionsList(url)) return false;
      if (!isEligible(req) || !isPlain(url) || !authorized(req)) {
        metrics.countListResponse('stock');
        return false;
      }
      let list: ServiceStatus[];
      // Read before the list: a change landing in between then rebuilds the
      // next body instead of leaving this list cached under the new id.
      const changeId = engine.health().lastChangeId;
      try {
        list = await engine.list();
      } catch {
        // tRPC calls it again and shapes the error as it always does.
        metrics.countListResponse('stock');
        return false;
      }
      const body = bodyFor(list, changeId);
      res.writeHead(200, {
        'content-type': 'application/json',
        vary: 'trpc-accept, accept',
        'content-length': body.length,
      });
      res.end(body);
      metrics.countCall({ path: 'status.list', type: 'query', outcome: 'ok' });
      metrics.countListResponse('fast');
      return true;
    },
  };

  function authorized(req: IncomingMessage): boolean {
    const token = bearerToken(req.headers.authorization);
    return authenticator.authenticate(token).ok;
  }
}

/** Whether the URL is a tRPC call that includes `status.list`. */
function mentionsList(url: string): boolean {
  if (!url.startsWith('/trpc/')) return false;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return path.slice('/trpc/'.length).split(',').includes('status.list');
}

/**
 * A plain GET of `status.list` alone: anything asking for a streamed
 * (jsonl) answer, or carrying a body type, is tRPC's to answer.
 */
function isEligible(req: IncomingMessage): boolean {
  const { headers } = req;
  return (
    req.method === 'GET' &&
    (req.url ?? '').startsWith(LIST_PREFIX) &&
    headers['trpc-accept'] === undefined &&
    headers['content-type'] === undefined &&
    !(headers.accept ?? '').includes('application/jsonl')
  );
}

interface InputDeserializer {
  deserialize: (value: unknown) => unknown;
}

/** `batch=1&input={"0":<no input>}` and nothing else. */
export function isPlainListQuery(
  query: string,
  transformer: InputDeserializer,
): boolean {
  const params = new URLSearchParams(query);
  const input = params.get('input');
  if ([...params.keys()].length !== 2 || params.get('batch') !== '1') {
    return false;
  }
  if (input === null) return false;
  try {
    const calls: unknown = JSON.parse(input);
    if (typeof calls !== 'object' || calls === null) return false;
    if (Array.isArray(calls)) return false;
    const keys = Object.keys(calls);
    if (keys.length !== 1 || keys[0] !== '0') return false;
    const first = (calls as Record<string, unknown>)['0'];
    return transformer.deserialize(first) === undefined;
  } catch {
    return false;
  }
}

function sameItems(
  a: readonly ServiceStatus[],
  b: readonly ServiceStatus[],
): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
