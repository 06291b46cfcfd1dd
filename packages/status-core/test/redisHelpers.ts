import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll } from 'vitest';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** A key prefix no other test run uses. */
export function uniquePrefix(name: string): string {
  return `test:status-core:${name}:${randomUUID()}:`;
}

/** Deletes every key under `prefix`. */
export async function deletePrefix(
  redis: Redis,
  prefix: string,
): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(
      cursor,
      'MATCH',
      `${prefix}*`,
      'COUNT',
      200,
    );
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

export function connect(url = REDIS_URL): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1 });
}

/**
 * The test Redis as one test file uses it: a connection, and key prefixes
 * no other run uses, whose keys are deleted after the file. Call it at the
 * top level of the file.
 */
export function testRedis() {
  const redis = connect();
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const prefix of prefixes) await deletePrefix(redis, prefix);
    redis.disconnect();
  });
  return {
    redis,
    prefix(name: string): string {
      const prefix = uniquePrefix(name);
      prefixes.push(prefix);
      return prefix;
    },
  };
}
