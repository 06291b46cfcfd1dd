import type { Logger } from '@medianest/kuma-client';
import type { Redis } from 'ioredis';

// Extends our own lock, or takes it back if it lapsed while Redis was away
// and nobody else took it; 0 means another instance holds it.
const EXTEND = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
elseif holder == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

export interface LeaderLockOptions {
  redis: Redis;
  key: string;
  /** Unique per instance. */
  token: string;
  ttlMs: number;
  logger: Logger;
  onChange: (held: boolean) => void;
}

/**
 * A Redis lock (SET NX PX) renewed every third of its lifetime. While Redis
 * is unreachable the holder keeps leading: nobody else can take the lock
 * then either.
 */
export class LeaderLock {
  private timer: NodeJS.Timeout | undefined;
  private isHeld = false;
  private busy = false;

  constructor(private readonly opts: LeaderLockOptions) {}

  get held(): boolean {
    return this.isHeld;
  }

  start(): void {
    this.timer = setInterval(
      () => {
        void this.tick();
      },
      Math.max(Math.floor(this.opts.ttlMs / 3), 10),
    );
    this.timer.unref();
    void this.tick();
  }

  /** Stops renewing and releases the lock if this instance holds it. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.isHeld) return;
    this.isHeld = false;
    const { redis, key, token } = this.opts;
    await redis.eval(RELEASE, 1, key, token).catch((error: unknown) => {
      this.opts.logger.warn({ err: error }, 'could not release leader lock');
    });
  }

  private async tick(): Promise<void> {
    if (this.busy || this.timer === undefined) return;
    this.busy = true;
    try {
      const held = this.isHeld ? await this.extend() : await this.acquire();
      if (this.timer === undefined || held === this.isHeld) return;
      this.isHeld = held;
      this.opts.onChange(held);
    } catch (error) {
      this.opts.logger.debug({ err: error }, 'leader lock check failed');
    } finally {
      this.busy = false;
    }
  }

  private async acquire(): Promise<boolean> {
    const { redis, key, token, ttlMs } = this.opts;
    return (await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK';
  }

  private async extend(): Promise<boolean> {
    const { redis, key, token, ttlMs } = this.opts;
    return (await redis.eval(EXTEND, 1, key, token, ttlMs)) === 1;
  }
}
