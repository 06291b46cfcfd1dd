import type { KumaConnectionState } from '@medianest/kuma-client';
import type { ResolvedEngineOptions, SourceHandle } from './createStatusEngine';
import type { EngineMode, RefreshResult } from './engineApi';
import { KumaDriver } from './KumaDriver';
import { offlineSource } from './offlineSource';
import type { StatusSource } from './source';
import type { StatusPublisher } from './StatusPublisher';

export interface SourceLeadershipOptions {
  engine: ResolvedEngineOptions;
  publisher: StatusPublisher;
  /** Runs before the source opens: take the feed over from the tail. */
  beforeLead: () => Promise<void>;
  /** Runs after the source is closed: follow the feed again. */
  afterResign: () => void;
  /** Called when isolation (see `isolate`) starts (true) or ends (false). */
  onIsolation?: (isolated: boolean) => void;
  /** Called when the open source becomes ready (its version is known). */
  onSourceReady?: () => void;
}

/**
 * The source's lifecycle on the instance that leads: opens it (retrying a
 * failed open), drives it, sweeps staleness and store health, and closes it
 * when leadership ends. Isolated (the lease lapsed, see `LeaderLock`), it
 * keeps the source and publishes for this instance alone: a status page
 * that shows live Kuma data beats one frozen until Redis is back. It leads
 * on without reopening anything if it takes the lock again, and resigns
 * only once the lock proves to be another instance's, so two sources are
 * open only while this one cannot reach Redis. Transitions run one at a
 * time, in order.
 */
export class SourceLeadership {
  private driver: KumaDriver | undefined;
  private handle: SourceHandle | undefined;
  private leading = false;
  private isolated = false;
  private detachReady: (() => void) | undefined;
  private lastFlush = 0;
  private nextConnectAt = 0;
  private transitions: Promise<void> = Promise.resolve();

  constructor(private readonly opts: SourceLeadershipOptions) {}

  get isLeader(): boolean {
    return this.leading;
  }

  /** Leading for this instance only: the lease lapsed, see `isolate`. */
  get isIsolated(): boolean {
    return this.isolated;
  }

  /** The open source, while leading. */
  get source(): StatusSource | undefined {
    return this.handle?.source;
  }

  /** The driver's mode; undefined while not leading. */
  get mode(): EngineMode | undefined {
    return this.driver?.currentMode;
  }

  get sourceState(): KumaConnectionState {
    return this.driver?.sourceState ?? 'idle';
  }

  /**
   * Queues taking the lead, or taking it back when isolated; `running` is
   * checked when it runs.
   */
  acquire(running: () => boolean): Promise<void> {
    return this.schedule(() => this.lead(running));
  }

  /** Queues going on with the source while nothing is shared. */
  isolate(): Promise<void> {
    return this.schedule(async () => {
      if (!this.leading || this.isolated) return;
      this.isolated = true;
      this.opts.onIsolation?.(true);
      await this.opts.publisher.isolate();
      this.opts.engine.onLeadership?.('isolated');
    });
  }

  release(): Promise<void> {
    return this.schedule(() => this.resign());
  }

  /** Refreshes through the source; undefined when not leading. */
  async refresh(): Promise<RefreshResult | undefined> {
    const driver = this.driver;
    if (!driver) return undefined;
    const changed = await driver.refresh();
    return { changed, mode: driver.currentMode };
  }

  /** Re-derives (staleness), settles flaps, keeps the store fresh. */
  async sweep(): Promise<void> {
    if (!this.leading) return;
    try {
      await this.driver?.deriveAll();
      const { publisher, engine } = this.opts;
      await publisher.settle();
      const now = engine.clock();
      const flushEvery = engine.config.engine.statusTtlMs / 5;
      if (!publisher.storeHealthy || now - this.lastFlush > flushEvery) {
        this.lastFlush = now;
        await publisher.flush();
      }
      await this.retryConnect(now);
    } catch (error) {
      this.opts.engine.logger.error({ err: error }, 'status sweep failed');
    }
  }

  private async lead(running: () => boolean): Promise<void> {
    if (this.leading) {
      if (this.isolated) await this.rejoin();
      return;
    }
    if (!running()) return;
    this.leading = true;
    await this.opts.beforeLead();
    await this.openSource();
    this.opts.engine.onLeadership?.('acquired');
  }

  /**
   * The lock is this instance's again, so nobody else leads: the source
   * stays as it is, and the flush writes the current statuses and what
   * was published meanwhile into the store.
   */
  private async rejoin(): Promise<void> {
    this.isolated = false;
    const { publisher, engine } = this.opts;
    this.lastFlush = engine.clock();
    await publisher.flush();
    this.opts.onIsolation?.(false);
    engine.onLeadership?.('regained');
  }

  private async resign(): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    this.isolated = false;
    this.driver?.stop();
    this.driver = undefined;
    this.detachReady?.();
    // The source closes first: another instance leads, and a write that
    // waits on Redis must not keep a second Kuma connection open meanwhile.
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch((error: unknown) => {
      this.opts.engine.logger.warn({ err: error }, 'closing the source failed');
    });
    await this.opts.publisher.idle();
    this.opts.publisher.abandonUnshared();
    this.opts.engine.onLeadership?.('lost');
    this.opts.afterResign();
  }

  private async openSource(): Promise<void> {
    const { connectSource, source, logger, clock, config } = this.opts.engine;
    let handle: SourceHandle;
    if (connectSource) {
      try {
        handle = await connectSource();
      } catch (error) {
        logger.error({ err: error }, 'opening the source failed');
        this.nextConnectAt = clock() + config.engine.probeIntervalMs;
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
    this.detachReady?.();
    this.handle = handle;
    this.watchReady(handle.source);
    const { config, logger, clock, fetch } = this.opts.engine;
    this.driver = new KumaDriver({
      config,
      source: handle.source,
      publisher: this.opts.publisher,
      logger,
      clock,
      fetch,
    });
    this.driver.start();
  }

  private watchReady(source: StatusSource): void {
    const { onSourceReady } = this.opts;
    if (!onSourceReady) return;
    const listener = ({ to }: { to: KumaConnectionState }) => {
      if (to === 'ready') onSourceReady();
    };
    source.on('state', listener);
    this.detachReady = () => source.off('state', listener);
    if (source.state === 'ready') onSourceReady();
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

  private schedule(run: () => Promise<void>): Promise<void> {
    const next = this.transitions.then(run);
    this.transitions = next.catch((error: unknown) => {
      this.opts.engine.logger.error({ err: error }, 'leadership change failed');
    });
    return next;
  }
}
