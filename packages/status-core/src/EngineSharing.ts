import { randomUUID } from 'node:crypto';
import type { KumaDialect } from '@medianest/kuma-client';
import type { Redis } from 'ioredis';
import type { ResolvedEngineOptions } from './createStatusEngine';
import type { RefreshResult } from './engineApi';
import { FeedTail } from './FeedTail';
import { LeaderLock, type LockState, type WriteLease } from './LeaderLock';
import { RefreshRelay, type RefreshHandler } from './RefreshRelay';
import type { RedisStore } from './RedisStore';
import { decodeEntry, encodeEntry } from './serialize';
import { StatusCoreError } from './StatusCoreError';
import type { StatusPublisher } from './StatusPublisher';
import type { StatusChange } from './types';

/** What the leader tells followers about the source it holds. */
export interface SourceInfo {
  dialect: KumaDialect | null;
  kumaVersion: string | null;
}

export interface EngineSharingOptions {
  engine: ResolvedEngineOptions;
  redis: Redis;
  store: RedisStore;
  publisher: StatusPublisher;
  /** Called when this instance's standing with the leader lock changes. */
  onLock: (state: LockState) => void;
  /** Runs a refresh on the leader for another instance. */
  serveRefresh: RefreshHandler;
}

/**
 * What several instances over one Redis share besides the store: the
 * leader lock, the tail of the feed that followers deliver from, the
 * refresh relay to the leader, and the leader's source details.
 */
export class EngineSharing {
  readonly redis: Redis;
  private readonly lock: LeaderLock;
  private readonly tail: FeedTail;
  private readonly relay: RefreshRelay;
  private readonly lockTtlMs: number;
  private leaderSource: SourceInfo | null = null;

  constructor(private readonly opts: EngineSharingOptions) {
    const { engine, redis, store, publisher } = opts;
    const instanceId = randomUUID();
    this.redis = redis;
    this.lockTtlMs = engine.lockTtlMs ?? 15_000;
    this.lock = new LeaderLock({
      redis,
      key: store.keys.leader,
      token: instanceId,
      ttlMs: this.lockTtlMs,
      logger: engine.logger,
      onChange: opts.onLock,
    });
    this.tail = new FeedTail({
      redis,
      store,
      logger: engine.logger,
      onChange: (change) => publisher.ingestChange(change),
      onNotification: (n) => publisher.ingestNotification(n),
    });
    this.relay = new RefreshRelay({
      redis,
      channel: store.keys.refresh,
      instanceId,
      logger: engine.logger,
      ...(engine.refreshTimeoutMs
        ? { timeoutMs: engine.refreshTimeoutMs }
        : {}),
    });
  }

  /** The leader lock, which the publisher needs to write shared state. */
  get lease(): WriteLease {
    return this.lock;
  }

  /** False while the follower's tail cannot read the feed. */
  get tailHealthy(): boolean {
    return this.tail.healthy;
  }

  /** The source details the leader last shared, for followers' health. */
  get sourceInfo(): SourceInfo | null {
    return this.leaderSource;
  }

  start(): void {
    this.relay.start();
    this.follow();
    this.lock.start();
  }

  async stop(): Promise<void> {
    await this.lock.stop();
    await this.tail.stop();
    await this.relay.stop();
    this.redis.disconnect();
  }

  /** Delivers the feed from where this instance's publisher stands. */
  follow(): void {
    this.relay.stopServing();
    this.tail.start(this.position());
    void this.syncSourceInfo(undefined);
  }

  /** Stops following and delivers what the previous leader published. */
  async lead(): Promise<void> {
    await this.tail.stop();
    await this.catchUp();
    this.relay.serve(this.opts.serveRefresh);
  }

  /**
   * Whether other instances' refresh requests are answered here: not while
   * isolated, when this instance's refresh reaches only its own clients.
   */
  serveRefreshes(serving: boolean): void {
    if (serving) this.relay.serve(this.opts.serveRefresh);
    else this.relay.stopServing();
  }

  /** Asks the leader to refresh; falls back to catching up with the feed. */
  async refreshThroughLeader(mode: () => RefreshResult['mode']) {
    const reply = await this.relay.request();
    if (reply?.ok === false) {
      throw new StatusCoreError(
        'REFRESH_FAILED',
        `The instance holding the Kuma connection could not refresh: ${reply.error}`,
      );
    }
    const caught = await this.catchUp();
    await this.syncSourceInfo(undefined);
    if (reply) return reply.result;
    this.opts.engine.logger.warn(
      {},
      'no instance holding the source answered the refresh request; ' +
        'caught up with the shared feed instead',
    );
    return { changed: caught.map((change) => change.status), mode: mode() };
  }

  /** Leader: shares its source details; follower: reads the leader's. */
  async syncSourceInfo(own: SourceInfo | undefined): Promise<void> {
    const key = this.opts.store.keys.source;
    try {
      if (own) {
        // Shared state like any other: not written past the lease.
        if (!this.lock.held) return;
        const ttl = this.lockTtlMs * 2;
        await this.redis.set(key, encodeEntry(own), 'PX', ttl);
        this.leaderSource = own;
        return;
      }
      const text = await this.redis.get(key);
      this.leaderSource = text === null ? null : decodeEntry<SourceInfo>(text);
    } catch (error) {
      this.opts.engine.logger.debug({ err: error }, 'source info not shared');
    }
  }

  /** Delivers whatever was published that this instance has not seen. */
  async catchUp(): Promise<StatusChange[]> {
    const { store, publisher, engine } = this.opts;
    const after = this.position();
    try {
      const changes = await store.readAfter(after.change ?? '0');
      changes.items.forEach((change) => publisher.ingestChange(change));
      const notifications = await store.readNotificationsAfter(
        after.notification ?? '0',
      );
      notifications.items.forEach((n) => publisher.ingestNotification(n));
      return changes.items;
    } catch (error) {
      engine.logger.warn({ err: error }, 'could not read the shared feed');
      return [];
    }
  }

  private position(): { change: string | null; notification: string | null } {
    const { publisher } = this.opts;
    return {
      change: publisher.lastChangeId,
      notification: publisher.lastNotificationId,
    };
  }
}
