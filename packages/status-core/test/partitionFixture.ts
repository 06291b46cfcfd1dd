import { silentLogger } from '@medianest/kuma-client';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { parseConfig } from '../src/loadConfig';
import { testRedis } from './redisHelpers';
import { startTcpProxy, type TcpProxy } from './tcpProxy';
import { testInstances } from './testInstances';

/** Lifetime of the instances' leader lock unless a test sets its own. */
export const LOCK_TTL_MS = 1_500;

const config = parseConfig({
  services: [{ id: 'plex', displayName: 'Plex', monitors: [{ monitorId: 7 }] }],
});

/**
 * What the tests that cut a leader off from Redis share: the test Redis,
 * instances over it, and a proxy in front of it that one instance can be
 * given and cut off by. A test that fails while cut leaves the proxy open
 * again for the next. Call it at the top level of the file.
 */
export function partitionFixture() {
  const { redis: admin, prefix } = testRedis();
  const instance = testInstances({ config, lockTtlMs: LOCK_TTL_MS });
  let started: TcpProxy | undefined;
  beforeAll(async () => {
    started = await startTcpProxy();
  });
  afterEach(() => started?.restore());
  afterAll(() => started?.close());
  /** The file's proxy; there is none before its tests begin. */
  const proxy = (): TcpProxy => {
    if (!started) throw new Error('the proxy starts before the first test');
    return started;
  };
  return { admin, prefix, instance, proxy };
}

/** A logger that collects the messages of the warnings logged. */
export function warningLogger() {
  const warnings: string[] = [];
  const logger = {
    ...silentLogger,
    warn: (_obj: object, msg?: string) => warnings.push(msg ?? ''),
  };
  return { warnings, logger };
}
