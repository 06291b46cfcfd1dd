import type { Redis } from 'ioredis';
import type { ResolvedEngineOptions } from './createStatusEngine';
import { createRedisConnection, waitForRedis } from './createRedisConnection';
import type {
  EngineHealth,
  EngineMode,
  FeedSlice,
  HistoryPage,
  HistoryQuery,
  RecentNotifications,
  RefreshResult,
  StatusEngineApi,
} from './engineApi';
import { EngineSharing, type SourceInfo } from './EngineSharing';
import type { LockState } from './LeaderLock';
import { MemoryStore } from './MemoryStore';
import { NotificationPolicy } from './NotificationPolicy';
import { readAlertHistory } from './readAlertHistory';
import { RedisStore } from './RedisStore';
import { SourceLeadership } from './SourceLeadership';
import type { StatusStore } from './StatusStore';
import { StatusPublisher } from './StatusPublisher';
import type { ServiceStatus, StatusChange, StatusNotification } from './types';

/**
 * See `createStatusEngine`. Reads and subscriptions are served here; the
 * source's lifecycle lives in `SourceLeadership`, what instances share over
 * Redis in `EngineSharing`, and publishing in `StatusPublisher`.
 */
export class StatusEngine implements StatusEngineApi {
  private readonly local: MemoryStore;
  private readonly store: StatusStore;
  private readonly publisher: StatusPublisher;
  private readonly leadership: SourceLeadership;
  private readonly sharing: EngineSharing | undefined;
  private running = false;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: ResolvedEngineOptions) {
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
      lease: () => this.sharing?.lease,
    });
    this.leadership = new SourceLeadership({
      engine: opts,
      publisher: this.publisher,
      beforeLead: () => this.beforeLead(),
      afterResign: () => {
        if (this.running) this.sharing?.follow();
      },
      onIsolation: (isolated) => this.sharing?.serveRefreshes(!isolated),
      onSourceReady: () => void this.shareSourceInfo(),
    });
    this.sharing = redis && this.createSharing(redis);
  }

  /** Whether this instance holds the source right now. */
  get isLeader(): boolean {
    return this.leadership.isLeader;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.sharing) await waitForRedis(this.sharing.redis, 2_000);
    await this.seedFromStore();
    if (this.sharing) this.sharing.start();
    else await this.leadership.acquire(() => this.running);
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
    await this.leadership.release();
    await this.publisher.idle();
    await this.sharing?.stop();
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

  readAfter(id: string): Promise<FeedSlice<StatusChange>> {
    return this.readShared((store) => store.readAfter(id));
  }

  readNotificationsAfter(id: string): Promise<FeedSlice<StatusNotification>> {
    return this.readShared((store) => store.readNotificationsAfter(id));
  }

  recentNotifications(limit: number): Promise<RecentNotifications> {
    return this.readShared(async (store) => {
      // The newest entry is the position: with both from one read, no
      // notification can land between the list and the id.
      const newest = await store.recentNotifications(Math.max(limit, 1));
      return { items: newest.slice(0, limit), lastId: newest[0]?.id ?? null };
    });
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
    const own = await this.leadership.refresh();
    if (own) return own;
    if (this.sharing) {
      return this.sharing.refreshThroughLeader(() => this.mode());
    }
    return { changed: [], mode: this.mode() };
  }

  health(): EngineHealth {
    const leading = this.leadership.isLeader;
    const isolated = this.leadership.isIsolated;
    const info = leading ? this.ownSourceInfo() : this.sharing?.sourceInfo;
    const tailHealthy = leading || (this.sharing?.tailHealthy ?? true);
    return {
      mode: this.mode(),
      source: this.leadership.sourceState,
      dialect: info?.dialect ?? null,
      kumaVersion: info?.kumaVersion ?? null,
      leader: leading,
      isolated,
      store: this.store.kind,
      storeHealthy: !isolated && this.publisher.storeHealthy && tailHealthy,
      lastChangeId: this.publisher.lastChangeId,
    };
  }

  private mode(): EngineMode {
    const leading = this.leadership.mode;
    if (leading) return leading;
    const statuses = [...this.publisher.current.values()];
    if (statuses.length === 0) return 'starting';
    return statuses.some((s) => s.source === 'probe') ? 'probe' : 'kuma';
  }

  private ownSourceInfo(): SourceInfo | undefined {
    const source = this.leadership.source;
    if (!source) return undefined;
    return {
      dialect: source.dialect ?? null,
      kumaVersion: source.kumaVersion ?? null,
    };
  }

  private async sweep(): Promise<void> {
    if (!this.running) return;
    await this.leadership.sweep();
    await this.shareSourceInfo();
  }

  /** The leader writes its source details; followers read them. */
  private shareSourceInfo(): Promise<void> {
    const leading = this.leadership.isLeader;
    return (
      this.sharing?.syncSourceInfo(
        leading ? this.ownSourceInfo() : undefined,
      ) ?? Promise.resolve()
    );
  }

  private async beforeLead(): Promise<void> {
    if (!this.sharing) return;
    await this.sharing.lead();
    await this.seedFromStore();
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
      return;
    }
    // Followers do not notify; they restore when they take over.
    if (!this.sharing || this.leadership.isLeader) await this.restoreAlerts();
  }

  /**
   * Picks up flap suppression and unsent notifications where the previous
   * leader (or this process before a restart) left them.
   */
  private async restoreAlerts(): Promise<void> {
    const { clock, config, logger } = this.opts;
    try {
      const histories = await readAlertHistory(this.store, {
        now: clock(),
        flapWindowMs: config.engine.flapWindowMs,
      });
      this.publisher.restoreAlerts(histories);
    } catch (error) {
      logger.warn(
        { err: error },
        'could not read the notification history; flaps in progress ' +
          'may be announced again',
      );
    }
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

  private followLock(state: LockState): Promise<void> {
    switch (state) {
      case 'leading':
        return this.leadership.acquire(() => this.running);
      case 'isolated':
        return this.leadership.isolate();
      case 'following':
        return this.leadership.release();
    }
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

  private createSharing(redis: Redis): EngineSharing {
    const store =
      this.store instanceof RedisStore
        ? this.store
        : new RedisStore({ redis, keyPrefix: this.opts.keyPrefix });
    return new EngineSharing({
      engine: this.opts,
      redis,
      store,
      publisher: this.publisher,
      onLock: (state) => void this.followLock(state),
      serveRefresh: async () => {
        // Never relays again: a request that reaches an ex-leader fails.
        const result = await this.leadership.refresh();
        if (!result) throw new Error('this instance no longer leads');
        return { result, lastChangeId: this.publisher.lastChangeId };
      },
    });
  }
}
