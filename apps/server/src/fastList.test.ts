import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import superjson from 'superjson';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceStatus } from '@medianest/status-core';
import { FakeEngine } from '../test/fakeEngine';
import { ADMIN_TOKEN, VIEWER_TOKEN, connect } from '../test/harness';
import { createAuthenticator } from './auth';
import { loadServerConfig } from './config';
import { createApp, type App } from './createApp';
import { createFastList } from './fastList';
import { createLogger } from './logger';
import { createMetrics } from './metrics';
import { appRouter, type AppRouter } from './router';

/** A FakeEngine whose list() can return edited statuses with no event. */
class QuietEngine extends FakeEngine {
  override: ServiceStatus[] | null = null;
  override list(): Promise<ServiceStatus[]> {
    return this.override ? Promise.resolve(this.override) : super.list();
  }
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const apps: App[] = [];
const servers: { close(): void }[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  for (const server of servers.splice(0)) server.close();
});

async function startApp(opts: {
  engine: FakeEngine;
  fastList: boolean;
  publicRead?: boolean;
}) {
  const config = await loadServerConfig({
    value: {
      server: { host: '127.0.0.1', port: 0 },
      auth: {
        publicRead: opts.publicRead ?? false,
        tokens: [
          { token: ADMIN_TOKEN, role: 'admin', name: 'ops' },
          { token: VIEWER_TOKEN, role: 'viewer', name: 'wall' },
        ],
      },
    },
  });
  const app = await createApp({
    config,
    engine: opts.engine.managed(),
    logger: createLogger({ level: 'silent' }),
    fastList: opts.fastList,
  });
  apps.push(app);
  return app;
}

/** The same engine behind the fast path and behind tRPC alone. */
async function startPair(opts: { publicRead?: boolean } = {}) {
  const engine = new QuietEngine(['plex', 'sonarr', 'radarr']);
  const fast = await startApp({ engine, fastList: true, ...opts });
  const stock = await startApp({ engine, fastList: false, ...opts });
  return { engine, fast, stock };
}

function send(
  app: Pick<App, 'url'>,
  opts: {
    path: string;
    method?: string;
    headers?: Record<string, string | undefined>;
  },
): Promise<Reply> {
  const { port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, ...opts, headers: defined(opts.headers) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    if (opts.method === 'POST') req.write('{}');
    req.end();
  });
}

function defined(headers: Record<string, string | undefined> = {}) {
  const entries = Object.entries(headers).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries) as Record<string, string>;
}

/** The path and headers a stock httpBatchLink client sends for status.list. */
async function batchLinkRequest(app: App, token: string | null) {
  let path = '';
  let headers: Record<string, string> = {};
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: app.trpcUrl,
        transformer: superjson,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        fetch: (input, init) => {
          const url = new URL(input instanceof Request ? input.url : input);
          path = `${url.pathname}${url.search}`;
          headers = Object.fromEntries(new Headers(init?.headers));
          return fetch(input, init);
        },
      }),
    ],
  });
  await client.status.list.query().catch(() => undefined);
  return { path, headers };
}

async function listResponses(app: App) {
  const text = (await send(app, { path: '/metrics' })).body.toString();
  const read = (path: string) => {
    const line = new RegExp(
      `^medianest_status_list_responses_total\\{path="${path}"\\} (\\d+)$`,
      'm',
    ).exec(text);
    return Number(line?.[1] ?? 0);
  };
  return { fast: read('fast'), stock: read('stock') };
}

/** Headers that frame or date a response rather than describe it. */
const FRAMING = new Set([
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
]);

/** What must match between the two servers' answers: all but framing. */
function essentials(reply: Reply) {
  const headers = Object.entries(reply.headers).filter(
    ([name]) => !FRAMING.has(name),
  );
  return {
    status: reply.status,
    headers: Object.fromEntries(headers),
    body: reply.body.toString('utf8'),
  };
}

describe('fast status.list', () => {
  it('answers httpBatchLink with the bytes tRPC sends, Dates included', async () => {
    const { engine, fast, stock } = await startPair();
    const call = await batchLinkRequest(stock, VIEWER_TOKEN);
    expect(call.path).toMatch(/^\/trpc\/status\.list\?batch=1&input=/);

    const mine = await send(fast, call);
    const theirs = await send(stock, call);
    expect(essentials(mine)).toEqual(essentials(theirs));
    expect(mine.body.toString()).toContain('"Date"');
    const list = await engine.list();
    const [first] = JSON.parse(mine.body.toString()) as [
      { result: { data: Parameters<typeof superjson.deserialize>[0] } },
    ];
    expect(superjson.deserialize(first.result.data)).toEqual(list);
    expect(await listResponses(fast)).toEqual({ fast: 1, stock: 0 });
  });

  it('serves the status-client, whose calls then count as fast', async () => {
    const { fast } = await startPair();
    const client = connect(fast, VIEWER_TOKEN);
    try {
      expect(await client.status.list.query()).toHaveLength(3);
    } finally {
      await client.close();
    }
    expect((await listResponses(fast)).fast).toBe(1);
  });

  it('leaves refused callers to tRPC, so the errors are the same', async () => {
    const { fast, stock } = await startPair();
    const { path } = await batchLinkRequest(stock, VIEWER_TOKEN);
    for (const headers of [
      {},
      { authorization: 'Bearer not-a-token' },
      { authorization: 'Basic abc' },
    ]) {
      const mine = await send(fast, { path, headers });
      expect(mine.status).toBe(401);
      expect(essentials(mine)).toEqual(
        essentials(await send(stock, { path, headers })),
      );
    }
    expect(await listResponses(fast)).toEqual({ fast: 0, stock: 3 });
  });

  it('answers anonymous callers when public read is on', async () => {
    const { fast, stock } = await startPair({ publicRead: true });
    const { path } = await batchLinkRequest(stock, null);
    const mine = await send(fast, { path });
    expect(mine.status).toBe(200);
    expect(essentials(mine)).toEqual(essentials(await send(stock, { path })));
    expect((await listResponses(fast)).fast).toBe(1);
  });

  it('rebuilds the body after a change event and after a silent edit', async () => {
    const { engine, fast, stock } = await startPair();
    const call = await batchLinkRequest(stock, VIEWER_TOKEN);
    const before = (await send(fast, call)).body.toString();

    engine.set('sonarr', 'down');
    const afterChange = await send(fast, call);
    expect(afterChange.body.toString()).not.toBe(before);
    expect(essentials(afterChange)).toEqual(
      essentials(await send(stock, call)),
    );

    // An uptime refresh replaces statuses without a change event.
    const edited = (await engine.list()).map((s) => ({ ...s, uptime24h: 0.5 }));
    engine.override = edited;
    const afterEdit = await send(fast, call);
    expect(afterEdit.body.toString()).toContain('"uptime24h":0.5');
    expect(essentials(afterEdit)).toEqual(essentials(await send(stock, call)));
  });

  it('rebuilds a body older than maxAgeMs, in case a status was edited in place', async () => {
    const engine = new QuietEngine(['plex']);
    const stock = await startApp({ engine, fastList: false });
    const call = await batchLinkRequest(stock, VIEWER_TOKEN);
    let now = 0;
    const fastList = createFastList({
      router: appRouter,
      engine,
      authenticator: createAuthenticator({
        tokens: [{ token: VIEWER_TOKEN, role: 'viewer' }],
      }),
      metrics: createMetrics(engine),
      clock: () => now,
    });
    const server = createServer((req, res) => {
      void fastList.handle(req, res).then((done) => done || res.end());
    });
    await new Promise<void>((resolve) => server.listen(0, resolve));
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    const get = () =>
      send({ url: `http://127.0.0.1:${port}` }, call).then((reply) =>
        reply.body.toString(),
      );

    const list = await engine.list();
    engine.override = list;
    const first = list[0];
    if (!first) throw new Error('no status');
    expect(await get()).toContain('"plex"');
    // Same objects, no event: only the age limit catches this edit.
    first.message = 'edited in place';
    now = 999;
    const cached = await get();
    expect(cached).toContain('"plex"');
    expect(cached).not.toContain('edited in place');
    now = 1_000;
    expect(await get()).toContain('edited in place');
  });

  it('leaves batches, POSTs, other procedures and streamed calls to tRPC', async () => {
    const { fast, stock } = await startPair();
    const auth = { authorization: `Bearer ${VIEWER_TOKEN}` };
    const { path } = await batchLinkRequest(stock, VIEWER_TOKEN);
    const input = encodeURIComponent('{"0":{"json":null},"1":{"json":null}}');
    const cases = [
      { path: `/trpc/status.list,system.health?batch=1&input=${input}` },
      { path: `/trpc/status.list,status.list?batch=1&input=${input}` },
      { path: `${path}&extra=1` },
      { path: '/trpc/status.list' },
      { path, method: 'POST' },
      { path, headers: { 'trpc-accept': 'application/jsonl' } },
      { path, headers: { accept: 'application/jsonl' } },
      { path, headers: { 'content-type': 'application/json' } },
      { path: path.replace('status.list', 'status.get') },
    ];
    for (const { headers, ...rest } of cases) {
      const opts = { ...rest, headers: { ...auth, ...headers } };
      const mine = await send(fast, opts);
      const theirs = await send(stock, opts);
      expect(mine.status, rest.path).toBe(theirs.status);
      expect(mine.headers['content-type']).toBe(theirs.headers['content-type']);
    }
    const counts = await listResponses(fast);
    expect(counts.fast).toBe(0);
    expect(counts.stock).toBe(8);
  });
});
