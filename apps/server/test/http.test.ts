import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../src/createApp';
import { createLogger } from '../src/logger';
import { FakeEngine } from './fakeEngine';
import {
  ADMIN_TOKEN,
  VIEWER_TOKEN,
  collect,
  connect,
  startFakeApp,
} from './harness';

let app: App | undefined;
let dir: string | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** GET with the path sent as-is (fetch would normalise `..`). */
function rawGet(
  path: string,
): Promise<{ status: number; type: string; body: string }> {
  const { port } = new URL(app!.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type']),
          body,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('probes and metrics', () => {
  it('serves /healthz, and /readyz only once a source is serving', async () => {
    const engine = new FakeEngine();
    engine.mode = 'starting';
    ({ app } = await startFakeApp({ engine }));
    expect((await rawGet('/healthz')).status).toBe(200);
    expect((await rawGet('/readyz')).status).toBe(503);
    engine.mode = 'probe';
    expect((await rawGet('/readyz')).status).toBe(200);
    engine.mode = 'kuma';
    expect(JSON.parse((await rawGet('/readyz')).body)).toMatchObject({
      ready: true,
      mode: 'kuma',
    });
  });

  it('exposes Prometheus metrics of the bridge', async () => {
    const started = await startFakeApp();
    app = started.app;
    const client = connect(app, VIEWER_TOKEN);
    const sub = collect((h) => client.status.onChange.subscribe(undefined, h));
    await sub.until(2);
    started.engine.set('plex', 'down');
    started.engine.notify('down', 'plex');
    await client.status.list.query();

    const metrics = await rawGet('/metrics');
    expect(metrics.type).toMatch(/^text\/plain/);
    expect(metrics.body).toContain(
      'medianest_kuma_connection_state{state="ready"} 1',
    );
    expect(metrics.body).toContain(
      'medianest_subscribers{procedure="status.onChange"} 1',
    );
    expect(metrics.body).toContain(
      'medianest_status_changes_total{service="plex",status="down",source="kuma"} 1',
    );
    expect(metrics.body).toContain(
      'medianest_notifications_total{kind="down"} 1',
    );
    expect(metrics.body).toMatch(
      /medianest_trpc_calls_total\{path="status.list",type="query",outcome="ok"\} 1/,
    );
    expect(metrics.body).toMatch(
      /medianest_http_requests_total\{route="trpc",code="200"\}/,
    );
    sub.stop();
    await client.close();
  });
});

describe('dashboard', () => {
  async function buildDist(): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), 'server-web-'));
    const dist = join(dir, 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(
      join(dist, 'index.html'),
      '<!doctype html><title>MediaNest</title>',
    );
    await writeFile(join(dist, 'assets', 'app-1a2b.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'outside');
    return dist;
  }

  it('serves files with their types and falls back to index.html', async () => {
    ({ app } = await startFakeApp({ webDist: await buildDist() }));
    const index = await rawGet('/');
    expect(index).toMatchObject({
      status: 200,
      type: 'text/html; charset=utf-8',
    });
    expect(index.body).toContain('MediaNest');
    const script = await rawGet('/assets/app-1a2b.js');
    expect(script.type).toBe('text/javascript; charset=utf-8');
    expect((await rawGet('/services/plex')).body).toContain('MediaNest');
  });

  it('never serves files outside the dist folder', async () => {
    ({ app } = await startFakeApp({ webDist: await buildDist() }));
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
    ]) {
      const res = await rawGet(path);
      expect(res.body).not.toContain('outside');
    }
  });

  it('answers 404 when the dashboard is not built', async () => {
    ({ app } = await startFakeApp({ webDist: '/nonexistent/dist' }));
    expect((await rawGet('/')).status).toBe(404);
  });
});

describe('logging', () => {
  it('never writes tokens, passwords or auth headers', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ level: 'trace', destination: sink });
    ({ app } = await startFakeApp({ logger }));
    const admin = connect(app, ADMIN_TOKEN);
    await admin.admin.refresh.mutate();
    const stranger = connect(app, 'not-a-real-token-xyz');
    await stranger.status.list.query().catch(() => null);
    await Promise.all([admin.close(), stranger.close()]);

    logger.info(
      {
        config: {
          kuma: {
            password: 'kuma-pass-1',
            token: 'jwt-1',
            totpSecret: 'JBSWY3DP',
          },
        },
        headers: { authorization: `Bearer ${VIEWER_TOKEN}`, cookie: 'sid=abc' },
        connectionParams: { token: VIEWER_TOKEN },
      },
      'a careless log line',
    );
    const output = lines.join('');
    expect(output).toContain('admin refresh');
    expect(output).toContain('"config"');
    expect(output).toContain('a careless log line');
    for (const secret of [
      ADMIN_TOKEN,
      VIEWER_TOKEN,
      'kuma-pass-1',
      'jwt-1',
      'JBSWY3DP',
      'sid=abc',
    ]) {
      expect(output).not.toContain(secret);
    }
  });
});
