import type { Redis } from 'ioredis';
import { appendIfUnchanged } from './appendIfUnchanged';
import { compareChangeIds, parseChangeId } from './changeId';
import type { FeedSlice, HistoryPage, HistoryQuery } from './engineApi';
import { decodeEntry, encodeEntry } from './serialize';
import { StatusCoreError } from './StatusCoreError';
import type {
  NewStatusChange,
  NewStatusNotification,
  StatusStore,
  UnsharedEntries,
} from './StatusStore';
import type { ServiceStatus, StatusChange, StatusNotification } from './types';

/** Prefix of every Redis key status-core writes, unless one is given. */
export const DEFAULT_KEY_PREFIX = 'medianest:status:';

export interface RedisStoreOptions {
  /** The connection to use; the caller owns and closes it. */
  redis: Redis;
  /** @default 'medianest:status:' */
  keyPrefix?: string;
  /** Approximate length of the feed streams (XADD MAXLEN ~). @default 1000 */
  historySize?: number;
  /** @default 300000 */
  statusTtlMs?: number;
}

/** Raw stream entries as ioredis returns them. */
export type StreamEntry = [id: string, fields: string[]];

/**
 * Statuses as keys with a time to live; changes and notifications as Redis
 * streams, whose ids are the feed's ids.
 */
export class RedisStore implements StatusStore {
  readonly kind = 'redis';
  readonly keys: {
    services: string;
    changes: string;
    notifications: string;
    leader: string;
    /** Pub/sub channel of refresh requests to the leader. */
    refresh: string;
    /** The leader's source details, for followers' health. */
    source: string;
    status: (service: string) => string;
  };
  private readonly redis: Redis;
  private readonly historySize: number;
  private readonly ttlMs: number;

  constructor(opts: RedisStoreOptions) {
    this.redis = opts.redis;
    this.historySize = opts.historySize ?? 1_000;
    this.ttlMs = opts.statusTtlMs ?? 300_000;
    const prefix = opts.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.keys = {
      services: `${prefix}services`,
      changes: `${prefix}changes`,
      notifications: `${prefix}notifications`,
      leader: `${prefix}leader`,
      refresh: `${prefix}refresh`,
      source: `${prefix}source`,
      status: (service) => `${prefix}status:${service}`,
    };
  }

  getStatus(service: string): Promise<ServiceStatus | undefined> {
    return this.run(async () => {
      const text = await this.redis.get(this.keys.status(service));
      return text === null ? undefined : decodeEntry<ServiceStatus>(text);
    });
  }

  listStatuses(): Promise<ServiceStatus[]> {
    return this.run(async () => {
      const services = await this.redis.smembers(this.keys.services);
      if (services.length === 0) return [];
      const texts = await this.redis.mget(services.map(this.keys.status));
      const expired = services.filter((_, index) => texts[index] === null);
      if (expired.length > 0) {
        await this.redis.srem(this.keys.services, ...expired);
      }
      return texts.flatMap((text) =>
        text === null ? [] : [decodeEntry<ServiceStatus>(text)],
      );
    });
  }

  putStatuses(statuses: readonly ServiceStatus[]): Promise<void> {
    if (statuses.length === 0) return Promise.resolve();
    return this.run(async () => {
      const multi = this.redis.multi();
      for (const status of statuses) {
        const key = this.keys.status(status.service);
        multi.set(key, encodeEntry(status), 'PX', this.ttlMs);
      }
      multi.sadd(this.keys.services, ...statuses.map((s) => s.service));
      await multi.exec();
    });
  }

  appendChange(change: NewStatusChange, id?: string): Promise<StatusChange> {
    return this.run(async () => {
      const fields = ['service', change.service, 'data', encodeEntry(change)];
      const newId = await this.append(this.keys.changes, { fields, id });
      return { ...change, id: newId };
    });
  }

  readAfter(id: string, limit?: number): Promise<FeedSlice<StatusChange>> {
    return this.readStream(this.keys.changes, { id, limit });
  }

  lastChangeId(): Promise<string | null> {
    return this.lastId(this.keys.changes);
  }

  history(query: HistoryQuery): Promise<HistoryPage> {
    return this.run(async () => {
      if (query.cursor !== undefined) parseChangeId(query.cursor);
      const items: StatusChange[] = [];
      let end = query.cursor === undefined ? '+' : `(${query.cursor}`;
      // One entry beyond the page tells whether another page exists.
      while (items.length <= query.limit) {
        const batch = (await this.redis.xrevrange(
          this.keys.changes,
          end,
          '-',
          'COUNT',
          100,
        )) as StreamEntry[];
        for (const entry of batch) {
          const change = decodeStreamEntry<StatusChange>(entry);
          if (query.service === undefined || change.service === query.service) {
            items.push(change);
          }
        }
        const last = batch.at(-1);
        if (batch.length < 100 || last === undefined) break;
        end = `(${last[0]}`;
      }
      const page = items.slice(0, query.limit);
      const more = items.length > query.limit;
      return {
        items: page,
        nextCursor: more ? (page.at(-1)?.id ?? null) : null,
      };
    });
  }

  appendNotification(
    notification: NewStatusNotification,
    id?: string,
  ): Promise<StatusNotification> {
    return this.run(async () => {
      const fields = [
        'service',
        notification.service,
        'data',
        encodeEntry(notification),
      ];
      const newId = await this.append(this.keys.notifications, { fields, id });
      return { ...notification, id: newId };
    });
  }

  readNotificationsAfter(
    id: string,
    limit?: number,
  ): Promise<FeedSlice<StatusNotification>> {
    return this.readStream(this.keys.notifications, { id, limit });
  }

  lastNotificationId(): Promise<string | null> {
    return this.lastId(this.keys.notifications);
  }

  recentNotifications(limit: number): Promise<StatusNotification[]> {
    return this.run(async () => {
      const entries = await this.newest(this.keys.notifications, limit);
      return entries.map((entry) =>
        decodeStreamEntry<StatusNotification>(entry),
      );
    });
  }

  appendIfUnchanged(entries: UnsharedEntries): Promise<boolean> {
    return this.run(() =>
      appendIfUnchanged(this.redis, {
        keys: this.keys,
        historySize: this.historySize,
        entries,
      }),
    );
  }

  /** The connection belongs to the caller; nothing to release here. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  private async append(
    key: string,
    entry: { fields: string[]; id: string | undefined },
  ): Promise<string> {
    const trim = ['MAXLEN', '~', String(this.historySize)] as const;
    if (entry.id !== undefined) {
      try {
        const kept = await this.redis.xadd(
          key,
          ...trim,
          entry.id,
          ...entry.fields,
        );
        if (kept !== null) return kept;
      } catch (error) {
        // Older than the stream's top, it gets a fresh id below. Any other
        // failure, a timeout say, may have added it: adding it again would
        // store it twice.
        if (!refusedAsTooOld(error)) throw error;
      }
    }
    const fresh = await this.redis.xadd(key, ...trim, '*', ...entry.fields);
    if (fresh === null) throw new Error(`XADD to ${key} returned no id`);
    return fresh;
  }

  /**
   * Reads after an id and, in the same transaction, whether the stream
   * trimmed entries after it (see `missesTrimmed`).
   */
  private readStream<TEntry>(
    key: string,
    opts: { id: string; limit: number | undefined },
  ): Promise<FeedSlice<TEntry>> {
    return this.run(async () => {
      parseChangeId(opts.id);
      // Without a limit, everything retained: MAXLEN ~ may keep more than
      // historySize, and a resume must not stop short of the newest entry.
      const range = this.redis.multi();
      if (opts.limit === undefined) range.xrange(key, `(${opts.id}`, '+');
      else range.xrange(key, `(${opts.id}`, '+', 'COUNT', opts.limit);
      const replies = await range.xinfo('STREAM', key).exec();
      const [read, info] = replies ?? [];
      if (read?.[0]) throw read[0];
      const entries = (read?.[1] ?? []) as StreamEntry[];
      // XINFO fails on a stream that does not exist yet: nothing was trimmed.
      const expired = !info?.[0] && missesTrimmed(opts.id, info?.[1]);
      return {
        items: entries.map((entry) => decodeStreamEntry<TEntry>(entry)),
        expired,
      };
    });
  }

  private lastId(key: string): Promise<string | null> {
    return this.run(async () => {
      const [newest] = await this.newest(key, 1);
      return newest?.[0] ?? null;
    });
  }

  /** The newest `count` entries of a stream, newest first. */
  private newest(key: string, count: number): Promise<StreamEntry[]> {
    if (count < 1) return Promise.resolve([]);
    return this.redis.xrevrange(key, '+', '-', 'COUNT', count);
  }

  private async run<TValue>(operation: () => Promise<TValue>): Promise<TValue> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof StatusCoreError) throw error;
      throw new StatusCoreError(
        'STORE_UNAVAILABLE',
        `Redis did not complete a status store operation: ${String(error)}. ` +
          'Check that REDIS_URL points at a running server.',
        { cause: error },
      );
    }
  }
}

/** Whether Redis refused an XADD id as no newer than the stream's top. */
function refusedAsTooOld(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.message.includes('equal or smaller than the target stream top')
  );
}

/** A stream entry written by `RedisStore`, with its id attached. */
export function decodeStreamEntry<TEntry>([id, fields]: StreamEntry): TEntry {
  const index = fields.indexOf('data');
  const text = fields[index + 1];
  if (index === -1 || text === undefined) {
    throw new StatusCoreError(
      'BAD_SOURCE_DATA',
      `Stream entry ${id} has no data field`,
    );
  }
  return { ...decodeEntry<object>(text), id } as TEntry;
}

/**
 * Whether resuming from `id` misses trimmed entries, from an XINFO STREAM
 * reply. MAXLEN trimming does not record the trimmed ids (Redis 7.0), but
 * `entries-added` above `length` says something was trimmed, always from
 * the front: an id older than the first retained entry may have missed
 * some. The one id that did not (the newest trimmed one) is reported too,
 * which costs that client a fresh snapshot, never a lost change. Before
 * Redis 7.0 the fields are absent and expiry goes unnoticed.
 */
function missesTrimmed(id: string, reply: unknown): boolean {
  if (!Array.isArray(reply)) return false;
  const field = (name: string): unknown => {
    const at = reply.indexOf(name);
    return at === -1 ? undefined : reply[at + 1];
  };
  const added = Number(field('entries-added'));
  const length = Number(field('length'));
  if (!(added > length)) return false;
  const first = field('first-entry') as StreamEntry | null | undefined;
  return first ? compareChangeIds(id, first[0]) < 0 : false;
}
