import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { silentLogger } from '@medianest/kuma-client';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createStatusEngine,
  type LeadershipEvent,
} from '../src/createStatusEngine';
import { parseConfig } from '../src/loadConfig';
import { RedisStore } from '../src/RedisStore';
import type { StatusEngine } from '../src/StatusEngine';
import { Recorder } from './engineHelpers';
import { beat, FakeSource, monitor } from './fakeSource';
import { connect } from './redisHelpers';

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string')
    throw new Error('no port');
  return address.port;
}

/** A private redis-server, so stopping it disturbs nobody else. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  for await (const chunk of child.stdout ?? []) {
    output += String(chunk);
    if (output.includes('Ready to accept connections')) return child;
  }
  throw new Error(`redis-server on ${port} did not start: ${output}`);
}

async function stopRedis(child: ChildProcess): Promise<void> {
  // Killed by a signal, it has no exit code: waiting for 'exit' would hang.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

const config = parseConfig({
  services: [{ id: 'plex', displayName: 'Plex', monitors: [{ monitorId: 7 }] }],
});

/** A source that reports Plex up, always open. */
function upSource(): FakeSource {
  const source = new FakeSource();
  source.setMonitors([monitor({ id: 7, name: 'Plex' })]);
  source.beat(beat({ monitorId: 7, time: new Date() }));
  source.state = 'ready';
  return source;
}

describe('Redis stopped and restarted mid-stream', () => {
  let port: number;
  let redisProcess: ChildProcess;
  const engines: StatusEngine[] = [];
  const admins: Redis[] = [];

  beforeAll(async () => {
    port = await freePort();
    redisProcess = await startRedis(port);
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.stop()));
    admins.splice(0).forEach((admin) => admin.disconnect());
  });
  afterAll(() => stopRedis(redisProcess));

  function adminConnection(): Redis {
    const admin = connect(`redis://127.0.0.1:${port}`);
    admins.push(admin);
    return admin;
  }

  /**
   * The only instance on the private Redis, started and past its first
   * change; logs its errors to `errors`.
   */
  async function startLeader(opts: {
    source: FakeSource;
    keyPrefix: string;
    lockTtlMs: number;
    errors: string[];
    events?: LeadershipEvent[];
  }): Promise<{ engine: StatusEngine; recorder: Recorder }> {
    const recorder = new Recorder();
    const engine = createStatusEngine({
      source: opts.source,
      redis: `redis://127.0.0.1:${port}`,
      keyPrefix: opts.keyPrefix,
      lockTtlMs: opts.lockTtlMs,
      sweepIntervalMs: 100,
      config,
      logger: {
        ...silentLogger,
        error: (_obj, msg) => opts.errors.push(msg ?? ''),
      },
      onLeadership: (event) => {
        opts.events?.push(event);
        recorder.wake();
      },
    });
    engines.push(engine);
    recorder.watch(engine);
    await engine.start();
    await recorder.until(() => recorder.changes.length === 1, 'first change');
    return { engine, recorder };
  }

  it('serves from memory, says so once, and catches up', async () => {
    const errors: string[] = [];
    const source = upSource();
    const keyPrefix = 'restart:';
    const { engine, recorder } = await startLeader({
      source,
      keyPrefix,
      lockTtlMs: 60_000,
      errors,
    });
    expect(engine.health()).toMatchObject({
      store: 'redis',
      storeHealthy: true,
      leader: true,
    });

    await stopRedis(redisProcess);
    source.beat(
      beat({ monitorId: 7, status: 0, msg: 'refused', time: new Date() }),
    );
    source.beat(beat({ monitorId: 7, status: 1, ping: 900, time: new Date() }));
    await recorder.until(
      () => recorder.changes.length === 3,
      'changes while Redis is down',
    );
    expect(engine.health().storeHealthy).toBe(false);
    expect((await engine.get('plex'))?.responseTime).toBe(900);
    expect((await engine.readAfter(recorder.changes[0]!.id)).items).toEqual(
      recorder.changes.slice(1),
    );
    expect(recorder.notifications.map((n) => n.kind)).toEqual([
      'down',
      'recovered',
    ]);

    redisProcess = await startRedis(port);
    await recorder.until(
      () => engine.health().storeHealthy,
      'store healthy again',
    );
    expect(
      errors.filter((e) => e.includes('status store unreachable')),
    ).toHaveLength(1);

    const store = new RedisStore({ redis: adminConnection(), keyPrefix });
    expect(await store.getStatus('plex')).toMatchObject({
      status: 'up',
      responseTime: 900,
    });
    // The restarted Redis is empty; it now holds what was published meanwhile, with the same ids.
    const shared = await store.readAfter('0');
    expect(shared.items.map((c) => c.id)).toEqual(
      recorder.changes.slice(1).map((c) => c.id),
    );
    const notes = await store.readNotificationsAfter('0');
    expect(notes.items.map((n) => n.id)).toEqual(
      recorder.notifications.map((n) => n.id),
    );

    source.beat(
      beat({ monitorId: 7, status: 0, msg: 'again', time: new Date() }),
    );
    await recorder.until(
      () => recorder.changes.length === 4,
      'change after recovery',
    );
    expect(await store.lastChangeId()).toBe(recorder.changes[3]!.id);
  });

  it('an outage longer than the lease: keeps Kuma, serves live changes, catches up when nobody else led', async () => {
    const LOCK_TTL_MS = 1_500;
    const errors: string[] = [];
    const events: LeadershipEvent[] = [];
    const source = upSource();
    const keyPrefix = 'long-outage:';
    const { engine, recorder } = await startLeader({
      source,
      keyPrefix,
      lockTtlMs: LOCK_TTL_MS,
      errors,
      events,
    });

    await stopRedis(redisProcess);
    const stoppedAt = Date.now();
    await recorder.until(
      () => events.includes('isolated'),
      'the lease lapsing',
    );
    expect(Date.now() - stoppedAt).toBeLessThan(LOCK_TTL_MS);
    expect(engine.health()).toMatchObject({
      leader: true,
      isolated: true,
      source: 'ready',
      storeHealthy: false,
    });
    // Kuma is still heard, past the lease, and told at once.
    source.beat(
      beat({ monitorId: 7, status: 0, msg: 'refused', time: new Date() }),
    );
    await recorder.until(() => recorder.changes.length === 2, 'down, live');
    source.beat(beat({ monitorId: 7, status: 1, ping: 900, time: new Date() }));
    await recorder.until(
      () => recorder.notifications.length === 2,
      'up again, live',
    );
    expect(recorder.changes).toHaveLength(3);
    expect(recorder.notifications.map((n) => n.kind)).toEqual([
      'down',
      'recovered',
    ]);
    expect((await engine.get('plex'))?.responseTime).toBe(900);
    expect((await engine.readAfter(recorder.changes[0]!.id)).items).toEqual(
      recorder.changes.slice(1),
    );

    redisProcess = await startRedis(port);
    await recorder.until(
      () => events.includes('regained') && engine.health().storeHealthy,
      'leading again',
    );
    expect(events).toEqual(['acquired', 'isolated', 'regained']);
    expect(engine.health()).toMatchObject({ leader: true, isolated: false });
    const store = new RedisStore({ redis: adminConnection(), keyPrefix });
    // Nobody else led (the restarted Redis is empty): what it published
    // while isolated is in the shared history, once, with the same ids.
    const shared = await store.readAfter('0');
    expect(shared.items).toEqual(recorder.changes.slice(1));
    const notes = await store.readNotificationsAfter('0');
    expect(notes.items).toEqual(recorder.notifications);
    expect(await store.getStatus('plex')).toMatchObject({
      status: 'up',
      responseTime: 900,
    });

    source.beat(
      beat({ monitorId: 7, status: 0, msg: 'again', time: new Date() }),
    );
    await recorder.until(() => recorder.changes.length === 4, 'down again');
    await expect.poll(() => store.lastChangeId()).toBe(recorder.changes[3]!.id);
    expect(
      errors.filter((e) => e.includes('status store unreachable')),
    ).toHaveLength(1);
  });

  it('stops while isolated with Redis still away', async () => {
    const errors: string[] = [];
    const events: LeadershipEvent[] = [];
    const { engine, recorder } = await startLeader({
      source: upSource(),
      keyPrefix: 'stop-isolated:',
      lockTtlMs: 600,
      errors,
      events,
    });
    await stopRedis(redisProcess);
    await recorder.until(
      () => events.includes('isolated'),
      'the lease lapsing',
    );
    try {
      await engine.stop();
    } finally {
      redisProcess = await startRedis(port);
    }
    expect(events).toEqual(['acquired', 'isolated', 'lost']);
  });
});
