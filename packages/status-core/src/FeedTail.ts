import type { Logger } from '@medianest/kuma-client';
import type { Redis } from 'ioredis';
import { COMMAND_TIMEOUT_MS } from './createRedisConnection';
import { decodeStreamEntry, type RedisStore } from './RedisStore';
import type { StatusChange, StatusNotification } from './types';

export interface FeedTailOptions {
  /** Duplicated for the blocking reads. */
  redis: Redis;
  store: RedisStore;
  onChange: (change: StatusChange) => void;
  onNotification: (notification: StatusNotification) => void;
  logger: Logger;
  /** @default 2000 */
  blockMs?: number;
}

/**
 * Follows the change and notification streams from a position (XREAD
 * BLOCK on its own connection) and hands every entry on, in order.
 */
export class FeedTail {
  private connection: Redis | undefined;
  private loop: Promise<void> | undefined;
  private failing = false;

  constructor(private readonly opts: FeedTailOptions) {}

  private get blockMs(): number {
    return this.opts.blockMs ?? 2_000;
  }

  /** False while the last read failed. */
  get healthy(): boolean {
    return !this.failing;
  }

  start(from: { change: string | null; notification: string | null }): void {
    if (this.loop) return;
    // Queues its first read until connected; disconnect() fails it at once.
    // A blocking read needs longer than other commands to answer.
    const connection = this.opts.redis.duplicate({
      enableOfflineQueue: true,
      commandTimeout: this.blockMs + COMMAND_TIMEOUT_MS,
    });
    connection.on('error', () => undefined);
    this.connection = connection;
    // Started while Redis is away (after a lapsed lead): unhealthy until read.
    this.failing = this.opts.redis.status !== 'ready';
    this.loop = this.run(connection, {
      change: from.change ?? '0-0',
      notification: from.notification ?? '0-0',
    });
  }

  async stop(): Promise<void> {
    const { connection, loop } = this;
    this.connection = undefined;
    this.loop = undefined;
    connection?.disconnect();
    await loop;
  }

  private async run(
    connection: Redis,
    position: { change: string; notification: string },
  ): Promise<void> {
    const { keys } = this.opts.store;
    while (this.connection === connection) {
      try {
        const reply = await connection.xread(
          'BLOCK',
          this.blockMs,
          'STREAMS',
          keys.changes,
          keys.notifications,
          position.change,
          position.notification,
        );
        this.failing = false;
        for (const [key, entries] of reply ?? []) {
          for (const entry of entries) {
            if (key === keys.changes) {
              position.change = entry[0];
              this.opts.onChange(decodeStreamEntry<StatusChange>(entry));
            } else {
              position.notification = entry[0];
              this.opts.onNotification(
                decodeStreamEntry<StatusNotification>(entry),
              );
            }
          }
        }
      } catch (error) {
        if (this.connection !== connection) return;
        if (!this.failing)
          this.opts.logger.warn({ err: error }, 'feed tail read failed');
        this.failing = true;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }
}
