import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createStatusClient } from '@medianest/status-client';
import { WebSocket } from 'ws';
import { VIEWER_TOKEN, eventually } from './harness';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;
const MAIN = `${ROOT}apps/server/src/main.ts`;

let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

function start(env: Record<string, string>) {
  const proc = spawn(TSX, [MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => resolve(code)),
  );
  return { proc, exited, out: () => stdout, err: () => stderr };
}

function listeningUrl(stdout: string): string | null {
  for (const line of stdout.split('\n')) {
    if (!line.includes('"listening"')) continue;
    return (JSON.parse(line) as { url: string }).url;
  }
  return null;
}

describe('the server process', () => {
  it('exits 1 naming a bad setting', async () => {
    const run = start({ PORT: 'abc' });
    expect(await run.exited).toBe(1);
    expect(run.err()).toContain(
      'PORT: expected a port number 0-65535, got "abc"',
    );
  });

  it('shuts down cleanly on SIGTERM, closing subscriptions', async () => {
    const run = start({
      PORT: '0',
      HOST: '127.0.0.1',
      KUMA_URL: 'http://127.0.0.1:9',
      KUMA_PASSWORD: 'kuma-secret-password',
      STATUS_VIEWER_TOKEN: VIEWER_TOKEN,
    });
    await eventually(() => listeningUrl(run.out()) !== null, 15_000);
    const url = listeningUrl(run.out())!;
    const client = createStatusClient({
      url,
      token: VIEWER_TOKEN,
      WebSocket,
      retryDelayMs: () => 60_000,
    });
    const sub = client.status.onChange.subscribe(undefined, {
      onData: () => undefined,
    });
    await eventually(async () => {
      const health = await client.system.health.query();
      return health.subscribers['status.onChange'] === 1;
    });
    const closed = new Promise<void>((resolve) =>
      client.connectionState.subscribe((state) => {
        if (state === 'reconnecting') resolve();
      }),
    );

    run.proc.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    await closed;
    expect(run.out()).toContain('"stopped"');
    expect(run.out()).not.toContain('kuma-secret-password');
    sub.unsubscribe();
    await client.close();
  });
});
