import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeDialects, PASSWORD } from './helpers/matrix';

const TSX = fileURLToPath(
  new URL('../../../node_modules/.bin/tsx', import.meta.url),
);
const SCRIPT = fileURLToPath(
  new URL('./fixtures/connectAndClose.ts', import.meta.url),
);

describeDialects('a process using the client', ({ startSim }) => {
  it('exits by itself after close()', async () => {
    const sim = await startSim({ monitors: [{ name: 'plex' }] });
    const child = spawn(TSX, [SCRIPT], {
      env: { ...process.env, KUMA_URL: sim.url, KUMA_PASSWORD: PASSWORD },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);

    const code = await new Promise((resolve) => child.on('exit', resolve));
    clearTimeout(timer);

    expect(output).toContain('ready 1');
    expect(code).toBe(0);
  });
});
