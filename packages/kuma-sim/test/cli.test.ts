import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

interface Started {
  proc: ChildProcess;
  url: string;
  jwt: string;
}

// Resolves once the CLI has printed its whole banner.
function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Started> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', cli, '--port', '0', '--monitors', '1', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  children.push(proc);
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const jwt = /jwt: (\S+)/.exec(out)?.[1];
      if (url && jwt && out.includes('Ctrl+C')) resolve({ proc, url, jwt });
    });
    proc.once('exit', () => reject(new Error(`exited early: ${out}`)));
  });
}

function stopCli(proc: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => {
    proc.once('exit', (code) => resolve(code));
  });
  proc.kill('SIGTERM');
  return exited;
}

async function loginByToken(url: string, token: string): Promise<unknown> {
  const socket = io(url, { transports: ['websocket'], reconnection: false });
  try {
    await new Promise((resolve) => socket.once('loginRequired', resolve));
    return await socket.timeout(2000).emitWithAck('loginByToken', token);
  } finally {
    socket.close();
  }
}

describe('kuma-sim CLI', () => {
  it('prints its URL, serves, and exits 0 on SIGTERM', async () => {
    const { proc, url } = await startCli(['--medianest']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await stopCli(proc)).toBe(0);
  });

  it('keeps accepting a token across a restart with the same JWT secret', async () => {
    const first = await startCli(['--jwt-secret', 'kept-across-restarts']);
    expect(await stopCli(first.proc)).toBe(0);

    const secret = { KUMA_SIM_JWT_SECRET: 'kept-across-restarts' };
    const [again, fresh] = await Promise.all([
      startCli([], secret),
      startCli([], { KUMA_SIM_JWT_SECRET: '' }),
    ]);
    expect(await loginByToken(again.url, first.jwt)).toEqual({ ok: true });
    expect(await loginByToken(fresh.url, first.jwt)).toEqual({
      ok: false,
      msg: 'authInvalidToken',
      msgi18n: true,
    });
  });
});
