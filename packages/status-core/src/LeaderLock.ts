import { performance } from 'node:perf_hooks';
import type { Logger } from '@medianest/kuma-client';
import type { Redis } from 'ioredis';

// Takes the lock when free, or extends it when it is ours already (as after
// a lapse nobody else used); 0 means another instance holds it.
const CLAIM = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
elseif holder == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

// The fifth of the lifetime the lease leaves out covers the time resigning
// takes and clock drift between this process and Redis.
const LEASE_SHARE = 0.8;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * Where this instance stands with the lock. `isolated`: it led, but its
 * lease lapsed before it could renew the lock, so it may no longer write
 * shared state; it keeps claiming the lock and leads again once a claim
 * wins, or follows once the lock turns out to be another instance's.
 */
export type LockState = 'following' | 'leading' | 'isolated';

/** What writers of shared state ask before they write. */
export interface WriteLease {
  /** False once the lease lapsed or the lock went to another instance. */
  readonly held: boolean;
  /** Renews now; false when the lock is gone or Redis does not answer. */
  confirm(): Promise<boolean>;
}

export interface LeaderLockOptions {
  redis: Redis;
  key: string;
  /** Unique per instance. */
  token: string;
  ttlMs: number;
  logger: Logger;
  onChange: (state: LockState) => void;
}

/**
 * A Redis lock renewed every third of its lifetime. Redis forgets the lock
 * a lifetime after the last renewal that reached it, whether or not the
 * holder knows: when only the holder loses Redis, another instance takes
 * the lock then. So the holder may write shared state only while its lease
 * lasts, a lifetime less a fifth from the last renewal it sent; once that
 * passes without a renewal it is isolated, before anyone else can start.
 * Isolated, it keeps claiming the lock (at once when its connection is
 * back): a free lock makes it lead again, one held by another instance
 * makes it follow. The lease is kept here, not checked by Redis on every
 * write: a process stalled for longer than that fifth, or a Redis that
 * loses the key, can still let one stale write through before the holder
 * notices.
 */
export class LeaderLock implements WriteLease {
  private timer: NodeJS.Timeout | undefined;
  private leaseTimer: NodeJS.Timeout | undefined;
  /** performance.now() at which the lease ends. */
  private leaseEnd = 0;
  private current: LockState = 'following';
  /** A tick's claim is on its way. */
  private busy = false;
  private readonly onReady = (): void => {
    if (this.current === 'isolated') void this.tick();
  };

  constructor(private readonly opts: LeaderLockOptions) {}

  get held(): boolean {
    // Checked against the clock too: the timer that ends the lease runs
    // late while the event loop is busy, and a write must not slip
    // through in between.
    return this.current === 'leading' && performance.now() < this.leaseEnd;
  }

  start(): void {
    // Back from an outage, an isolated holder claims before a follower's
    // next tick can: it still holds the source and the newest statuses.
    this.opts.redis.on('ready', this.onReady);
    this.timer = setInterval(
      () => {
        void this.tick();
      },
      Math.max(Math.floor(this.opts.ttlMs / 3), 10),
    );
    this.timer.unref();
    void this.tick();
  }

  /**
   * Stops renewing and releases the lock if this instance holds it, or
   * once a claim already sent wins it.
   */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.leaseTimer);
    this.timer = undefined;
    this.opts.redis.off('ready', this.onReady);
    // Isolated, the lock may still be ours in Redis: release it too.
    const claimed = this.current !== 'following';
    this.current = 'following';
    // A claim still on its way may win the lock; left alone, the lock
    // would keep everyone else out for a whole lifetime. Redis runs the
    // release after it, as it runs one connection's commands in order.
    if (!claimed && !this.busy) return;
    const { redis, key, token } = this.opts;
    await redis.eval(RELEASE, 1, key, token).catch((error: unknown) => {
      this.opts.logger.warn({ err: error }, 'could not release leader lock');
    });
  }

  async confirm(): Promise<boolean> {
    if (!this.held) return false;
    try {
      this.settle(await this.claim());
    } catch (error) {
      this.opts.logger.debug({ err: error }, 'leader lock check failed');
      return false;
    }
    return this.held;
  }

  private async tick(): Promise<void> {
    if (this.busy || this.timer === undefined) return;
    this.busy = true;
    try {
      this.settle(await this.claim());
    } catch (error) {
      this.opts.logger.debug({ err: error }, 'leader lock check failed');
    } finally {
      this.busy = false;
    }
  }

  /** Sends a claim; resolves with the lease end it won, or 0. */
  private async claim(): Promise<number> {
    const { redis, key, token, ttlMs } = this.opts;
    const sentAt = performance.now();
    const reply = await redis.eval(CLAIM, 1, key, token, ttlMs);
    return reply === 1 ? sentAt + ttlMs * LEASE_SHARE : 0;
  }

  private settle(leaseEnd: number): void {
    if (this.timer === undefined) return;
    if (leaseEnd === 0) {
      this.change('following');
      return;
    }
    // A reply that comes back after the lease it would renew has ended
    // renews nothing: the lock may have lapsed in Redis meanwhile.
    const remaining = leaseEnd - performance.now();
    if (remaining <= 0) return;
    if (leaseEnd > this.leaseEnd) {
      this.leaseEnd = leaseEnd;
      clearTimeout(this.leaseTimer);
      this.leaseTimer = setTimeout(() => this.lapse(), remaining);
      this.leaseTimer.unref();
    }
    this.change('leading');
  }

  private lapse(): void {
    if (this.current !== 'leading') return;
    this.opts.logger.warn(
      { ttlMs: this.opts.ttlMs },
      'could not renew the leader lock in time; serving this instance ' +
        'only until it can claim the lock again',
    );
    this.change('isolated');
  }

  private change(state: LockState): void {
    if (state === this.current) return;
    this.current = state;
    if (state !== 'leading') clearTimeout(this.leaseTimer);
    this.opts.onChange(state);
  }
}
