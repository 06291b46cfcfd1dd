import { randomUUID } from 'node:crypto';
import type { Logger } from '@medianest/kuma-client';
import type { Redis } from 'ioredis';
import type { StatusEngineOptions, SourceHandle } from './createStatusEngine';
import { createRedisConnection, waitForRedis } from './createRedisConnection';
import type {
  EngineHealth,
  EngineMode,
  HistoryPage,
  HistoryQuery,
  RefreshResult,
  StatusEngineApi,
} from './engineApi';
import { FeedTail } from './FeedTail';
import { KumaDriver } from './KumaDriver';
import { LeaderLock } from './LeaderLock';
import { MemoryStore } from './MemoryStore';
import { NotificationPolicy } from './NotificationPolicy';
import { offlineSource } from './offlineSource';
import { RedisStore } from './RedisStore';
import type { StatusStore } from './StatusStore';
import { StatusPublisher } from './StatusPublisher';
import type { ServiceStatus, StatusChange, StatusNotification } from './types';

type ResolvedOptions = StatusEngineOptions & {
  logger: Logger;
  clock: () => number;
  fetch: typeof fetch;
};

interface Sharing {
  redis: Redis;
  lock: LeaderLock;
  tail: FeedTail;
}

/** See `createStatusEngine`. */
export class StatusEngine implements StatusEngineApi {
  private readonly local: MemoryStore;
  private readonly store: StatusStore;
  private readonly publisher: StatusPublisher;
  private readonly sharing: Sharing | undefined;
  private driver: KumaDriver | undefined;
  private handle: SourceHandle | undefined;
  private leading = false;
  private running = false;
  private sweepTimer: NodeJS.Timeout | undefined;
  private lastFlush = 0;
  private nextConnectAt = 0;
  private transitions: Promise<void> = Promise.resolve();

  constructor(private readonly opts: ResolvedOptions) {
    const { engine } = opts.config;
    this.local = new MemoryStore({
      historySize: engine.historySize,
      statusTtlMs: engine.statusTtlMs,
      clock: opts.clock,
    });
    const redis = opts.redis
      ? createRedisConnection({ url: opts.redis, logger: opts.logger })
      : undefined;
    this.store = opts.store ?? this.defaultStore(redis);
    this.publisher = new StatusPublisher({
      store: this.store,
      local: this.local,
      policy: new NotificationPolicy(engine),
      logger: opts.logger,
      clock: opts.clock,
      noiseMs: engine.responseTimeNoiseMs,
    });
    this.sharing = redis && this.createSharing(redis);
  }

  /** Whether this instance holds the source right now. */
  get isLeader(): boolean {
    return this.leading;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.sharing) await waitForRedis(this.sharing.redis, 2_000);
    await this.seedFromStore();
    if (this.sharing) {
      this.sharing.tail.start(this.feedPosition());
      this.sharing.lock.start();
    } else {
      await this.schedule(() => this.lead());
    }
    this.sweepTimer = setInterval(() => {
      void this.sweep();
    }, this.opts.sweepIntervalMs ?? 5_000);
    this.sweepTimer.unref();
  }

  /** Closes the source, releases the lock and Redis connections. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.sweepTimer);
    await this.schedule(() => this.resign());
    await this.publisher.idle();
    if (this.sharing) {
      await this.sharing.lock.stop();
      await this.sharing.tail.stop();
      this.sharing.redis.disconnect();
    }
    await this.store.close();
  }

  list(): Promise<ServiceStatus[]> {
    const current = [...this.publisher.current.values()];
    if (current.length > 0 || !this.sharing) return Promise.resolve(current);
    return this.store.listStatuses().catch(() => []);
  }

  async get(service: string): Promise<ServiceStatus | undefined> {
    const status = this.publisher.current.get(service);
    if (status || !this.sharing) return status;
    return this.store.getStatus(service).catch(() => undefined);
  }

  history(query: HistoryQuery): Promise<HistoryPage> {
    return this.readShared((store) => store.history(query));
  }

  readAfter(id: string): Promise<StatusChange[]> {
    return this.readShared((store) => store.readAfter(id));
  }

  onChange(listener: (change: StatusChange) => void): () => void {
    return this.publisher.onChange(listener);
  }

  onNotification(
    listener: (notification: StatusNotification) => void,
  ): () => void {
    return this.publisher.onNotification(listener);
  }

  async refresh(): Promise<RefreshResult> {
    if (this.driver) {
      const changed = await this.driver.refresh();
      return { changed, mode: this.driver.currentMode };
    }
    // A follower cannot reach Kuma; it catches up with the shared feed.
    // TODO(#3): ask the leader to resync (a Redis pub/sub request).
    const missed = await this.readAfter(this.publisher.lastChangeId ?? '0');
    missed.forEach((change) => this.publisher.ingestChange(change));
    return {
      changed: missed.map((change) => change.status),
      mode: this.mode(),
    };
  }

  health(): EngineHealth {
    const source = this.handle?.source;
    const tailHealthy = this.leading || (this.sharing?.tail.healthy ?? true);
    return {
      mode: this.mode(),
      source: this.driver?.sourceState ?? 'idle',
      dialect: source?.dialect ?? null,
      kumaVersion: source?.kumaVersion ?? null,
      leader: this.leading,
      store: this.store.kind,
      storeHealthy: this.publisher.storeHealthy && tailHealthy,
      lastChangeId: this.publisher.lastChangeId,
    };
  }

  private mode(): EngineMode {
    if (this.driver) return this.driver.currentMode;
    const statuses = [...this.publisher.current.values()];
    if (statuses.length === 0) return 'starting';
    return statuses.some((s) => s.source === 'probe') ? 'probe' : 'kuma';
  }

  private async lead(): Promise<void> {
    if (this.leading || !this.running) return;
    this.leading = true;
    if (this.sharing) {
      await this.sharing.tail.stop();
      await this.catchUpWithFeed();
      await this.seedFromStore();
    }
    await this.openSource();
    this.opts.onLeadership?.('acquired');
  }

  private async resign(): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    this.driver?.stop();
    this.driver = undefined;
    await this.publisher.idle();
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch((error: unknown) => {
      this.opts.logger.warn({ err: error }, 'closing the source failed');
    });
    this.opts.onLeadership?.('lost');
    if (this.sharing && this.running) {
      this.sharing.tail.start(this.feedPosition());
    }
  }

  private async openSource(): Promise<void> {
    const { connectSource, source } = this.opts;
    let handle: SourceHandle;
    if (connectSource) {
      try {
        handle = await connectSource();
      } catch (error) {
        this.opts.logger.error({ err: error }, 'opening the source failed');
        this.nextConnectAt =
          this.opts.clock() + this.opts.config.engine.probeIntervalMs;
        handle = { source: offlineSource, close: () => Promise.resolve() };
      }
    } else if (source) {
      handle = { source, close: () => Promise.resolve() };
    } else {
      return;
    }
    this.attach(handle);
  }

  private attach(handle: SourceHandle): void {
    this.driver?.stop();
    this.handle = handle;
    this.driver = new KumaDriver({
      config: this.opts.config,
      source: handle.source,
      publisher: this.publisher,
      logger: this.opts.logger,
      clock: this.opts.clock,
      fetch: this.opts.fetch,
    });
    this.driver.start();
  }

  private async sweep(): Promise<void> {
    if (!this.leading || !this.running) return;
    try {
      await this.driver?.deriveAll();
      await this.publisher.settle();
      const now = this.opts.clock();
      const flushEvery = this.opts.config.engine.statusTtlMs / 5;
      if (!this.publisher.storeHealthy || now - this.lastFlush > flushEvery) {
        this.lastFlush = now;
        await this.publisher.flush();
      }
      await this.retryConnect(now);
    } catch (error) {
      this.opts.logger.error({ err: error }, 'status sweep failed');
    }
  }

  private async retryConnect(now: number): Promise<void> {
    if (this.handle?.source !== offlineSource || now < this.nextConnectAt) {
      return;
    }
    await this.schedule(async () => {
      if (this.leading && this.handle?.source === offlineSource) {
        await this.openSource();
      }
    });
  }

  private async seedFromStore(): Promise<void> {
    if (!this.sharing && this.store === this.local) return;
    try {
      const [change, notification] = await Promise.all([
        this.store.lastChangeId(),
        this.store.lastNotificationId(),
      ]);
      this.publisher.seedIds({ change, notification });
      this.publisher.seed(await this.store.listStatuses());
    } catch (error) {
      this.opts.logger.warn({ err: error }, 'could not read stored statuses');
    }
  }

  /** Delivers whatever the previous leader published and we missed. */
  private async catchUpWithFeed(): Promise<void> {
    const after = this.feedPosition();
    try {
      const changes = await this.store.readAfter(after.change ?? '0');
      changes.forEach((change) => this.publisher.ingestChange(change));
      const notifications = await this.store.notificationsAfter(
        after.notification ?? '0',
      );
      notifications.forEach((n) => this.publisher.ingestNotification(n));
    } catch (error) {
      this.opts.logger.warn({ err: error }, 'could not read the shared feed');
    }
  }

  private feedPosition(): {
    change: string | null;
    notification: string | null;
  } {
    return {
      change: this.publisher.lastChangeId,
      notification: this.publisher.lastNotificationId,
    };
  }

  private async readShared<TValue>(
    read: (store: StatusStore) => Promise<TValue>,
  ): Promise<TValue> {
    if (this.store === this.local || !this.health().storeHealthy) {
      return read(this.local);
    }
    try {
      return await read(this.store);
    } catch (error) {
      if ((error as { code?: string }).code === 'BAD_CHANGE_ID') throw error;
      return read(this.local);
    }
  }

  private schedule(run: () => Promise<void>): Promise<void> {
    const next = this.transitions.then(run);
    this.transitions = next.catch((error: unknown) => {
      this.opts.logger.error({ err: error }, 'leadership change failed');
    });
    return next;
  }

  private defaultStore(redis: Redis | undefined): StatusStore {
    if (!redis) return this.local;
    const { engine } = this.opts.config;
    return new RedisStore({
      redis,
      keyPrefix: this.opts.keyPrefix,
      historySize: engine.historySize,
      statusTtlMs: engine.statusTtlMs,
    });
  }

  private createSharing(redis: Redis): Sharing {
    const store =
      this.store instanceof RedisStore
        ? this.store
        : new RedisStore({ redis, keyPrefix: this.opts.keyPrefix });
    const lock = new LeaderLock({
      redis,
      key: store.keys.leader,
      token: randomUUID(),
      ttlMs: this.opts.lockTtlMs ?? 15_000,
      logger: this.opts.logger,
      onChange: (held) => {
        void this.schedule(() => (held ? this.lead() : this.resign()));
      },
    });
    const tail = new FeedTail({
      redis,
      store,
      logger: this.opts.logger,
      onChange: (change) => this.publisher.ingestChange(change),
      onNotification: (n) => this.publisher.ingestNotification(n),
    });
    return { redis, lock, tail };
  }
}
