import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

describe('kuma-sim CLI', () => {
  it('prints its URL, serves, and exits 0 on SIGTERM', async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', cli, '--port', '0', '--monitors', '3', '--medianest'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const proc = child;
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      proc.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const exited = new Promise<number | null>((resolve) => {
      proc.once('exit', (code) => resolve(code));
    });
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
