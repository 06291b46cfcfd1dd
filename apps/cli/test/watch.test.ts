import { createServer } from 'node:net';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/exitCodes';
import { runCli, type CliRun } from './cliProcess';
import { VIEWER_TOKEN } from '../../server/test/harness';
import { startLiveServer, type LiveServer } from '../../server/test/liveServer';

describe('pnpm status watch', () => {
  let live: LiveServer;
  let run: CliRun | undefined;

  beforeAll(async () => {
    live = await startLiveServer();
  });
  afterEach(async () => {
    if (run?.child.exitCode === null) {
      run.child.kill('SIGKILL');
      await run.exited;
    }
    run = undefined;
  });
  afterAll(async () => {
    // Undefined when beforeAll failed.
    await (live as LiveServer | undefined)?.close();
  });

  it('shows every service and redraws when one goes down', async () => {
    run = runCli(['watch', '--url', live.app.url, '--token', VIEWER_TOKEN]);
    const first = await run.waitFor(/Home Assistant/);

    expect(first).toMatch(/^MediaNest Status · http:\/\/127\.0\.0\.1:\d+/);
    expect(first).toMatch(/SERVICE\s+STATUS\s+RESPONSE\s+UPTIME 24H/);
    expect(first).toMatch(/Jellyfin\s+up\s+42 ms\s+100 %/);
    expect(first).toMatch(/Plex\s+up\s+120 ms/);
    expect(first).not.toContain('\u001b[');

    live.sim.beat(2, { status: 0, msg: 'Connection refused', ping: null });
    const after = await run.waitFor(/Plex\s+down/);
    expect(after).toMatch(/Jellyfin\s+up/);

    run.child.kill('SIGINT');
    expect(await run.exited).toBe(EXIT.ok);
    expect(run.stderr()).toBe('');
  });

  it('says the token was refused and exits with 77', async () => {
    run = runCli(['watch', '--url', live.app.url, '--token', 'not-a-token']);
    expect(await run.exited).toBe(EXIT.refused);
    expect(run.stderr()).toContain(`The server at ${live.app.url} refused`);
    expect(run.stderr()).toContain('--token');
  });

  it('says the server is unreachable and exits with 69', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    run = runCli(['watch', '--url', url]);
    expect(await run.exited).toBe(EXIT.unreachable);
    expect(run.stderr()).toMatch(
      /Cannot reach the status server at .* \(connect ECONNREFUSED .*\)/,
    );
  });

  it('rejects an unknown command with usage and 64', async () => {
    run = runCli(['tail']);
    expect(await run.exited).toBe(EXIT.usage);
    expect(run.stderr()).toContain('Usage: pnpm status watch');
  });
});

/** A port that was free a moment ago and has nothing listening. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}
