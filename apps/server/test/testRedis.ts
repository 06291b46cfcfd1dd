import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * The test Redis as one test file uses it: a connection for assertions,
 * key prefixes no other run uses, and `cleanup()` deleting every key under
 * them.
 */
export function testRedis(label: string) {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const prefixes: string[] = [];
  return {
    redis,
    prefix(): string {
      const prefix = `test:server:${label}:${randomUUID()}:`;
      prefixes.push(prefix);
      return prefix;
    },
    async cleanup(): Promise<void> {
      for (const prefix of prefixes) {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length > 0) await redis.del(...keys);
      }
      redis.disconnect();
    },
  };
}
