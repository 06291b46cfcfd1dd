import { silentLogger, type Logger } from '@medianest/kuma-client';
import type { StatusCoreConfig } from './configSchema';
import type { StatusSource } from './source';
import { StatusCoreError } from './StatusCoreError';
import { StatusEngine } from './StatusEngine';
import type { StatusStore } from './StatusStore';

/** A source opened for this instance while it leads. */
export interface SourceHandle {
  source: StatusSource;
  /** Closes the connection when leadership is lost or the engine stops. */
  close(): Promise<void>;
}

/**
 * What leadership events the `onLeadership` hook receives: the source was
 * opened (`acquired`) or closed (`lost`); the lock could not be renewed in
 * time and the source stays open for this instance alone (`isolated`),
 * until the lock is taken back (`regained`) or found taken (`lost`).
 */
export type LeadershipEvent = 'acquired' | 'isolated' | 'regained' | 'lost';

export interface StatusEngineOptions {
  /** A validated config, from `loadConfig` or `parseConfig`. */
  config: StatusCoreConfig;
  /**
   * A source that is always open. With `redis` it is only listened to while
   * this instance leads; prefer `connectSource` there.
   */
  source?: StatusSource;
  /**
   * Opens the source when this instance becomes leader; `close()` is called
   * when it stops leading. Return as soon as the client exists: do not wait
   * for its initial sync, the engine follows its `state` and probes health
   * URLs if it is not ready within the grace period. A rejection is logged
   * and retried every `probeIntervalMs`.
   */
  connectSource?: () => Promise<SourceHandle>;
  /** @default a MemoryStore, or a RedisStore when `redis` is given */
  store?: StatusStore;
  /**
   * A Redis URL. Turns on sharing: statuses and the feed live in Redis, a
   * leader lock decides which instance holds the source, the others tail
   * the feed.
   */
  redis?: string;
  /** Prefix of every Redis key. @default 'medianest:status:' */
  keyPrefix?: string;
  /**
   * Lifetime of the leader lock; renewed every third of it. A leader that
   * cannot renew it for four fifths of it stops writing to Redis, before
   * another instance could take the lock, but keeps the source and serves
   * its own clients; it closes the source once it finds the lock taken.
   * @default 15000
   */
  lockTtlMs?: number;
  /** How often staleness, flap settling and store health are checked. @default 5000 */
  sweepIntervalMs?: number;
  /**
   * How long `refresh()` on an instance that does not hold the source waits
   * for the leader to answer before it only catches up with the shared feed.
   * @default 10000
   */
  refreshTimeoutMs?: number;
  /** Called when this instance gains or loses the leader lock. */
  onLeadership?: (event: LeadershipEvent) => void;
  /** @default silentLogger */
  logger?: Logger;
  /** Epoch milliseconds. @default Date.now */
  clock?: () => number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** @internal The options with their defaults filled in. */
export type ResolvedEngineOptions = StatusEngineOptions & {
  logger: Logger;
  clock: () => number;
  fetch: typeof fetch;
};

/**
 * Builds the status engine; call `start()` to begin. Without `redis` this
 * instance always leads. With `redis` exactly one instance (the holder of
 * the lock) publishes what Kuma says into Redis; all serve reads and
 * deliver every change once. A holder cut off from Redis goes on serving
 * its own clients from Kuma meanwhile (see `lockTtlMs`).
 */
export function createStatusEngine(opts: StatusEngineOptions): StatusEngine {
  if (opts.source === undefined && opts.connectSource === undefined) {
    throw new StatusCoreError(
      'ENGINE_STATE',
      'createStatusEngine needs `source` or `connectSource`',
    );
  }
  return new StatusEngine({
    ...opts,
    logger: opts.logger ?? silentLogger,
    clock: opts.clock ?? Date.now,
    fetch: opts.fetch ?? globalThis.fetch.bind(globalThis),
  });
}
