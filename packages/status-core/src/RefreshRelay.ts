import { randomUUID } from 'node:crypto';
import type { Logger } from '@medianest/kuma-client';
import type { Redis } from 'ioredis';
import type { RefreshResult } from './engineApi';
import { decodeEntry, encodeEntry } from './serialize';

/** What the leader answers after a refresh it ran for another instance. */
export type RefreshReply =
  | { ok: true; result: RefreshResult; lastChangeId: string | null }
  | { ok: false; error: string };

/** The leader's side: runs a refresh and says where the feed ends after it. */
export type RefreshHandler = () => Promise<{
  result: RefreshResult;
  lastChangeId: string | null;
}>;

export interface RefreshRelayOptions {
  /** Publishes requests and replies; a duplicate subscribes. */
  redis: Redis;
  /** Channel of requests; replies go to `<channel>:reply:<instanceId>`. */
  channel: string;
  instanceId: string;
  logger: Logger;
  /** How long a follower waits for the leader's reply. @default 10000 */
  timeoutMs?: number;
}

interface RefreshRequest {
  requestId: string;
  replyTo: string;
}

type Settle = (reply: RefreshReply | null) => void;

/**
 * Lets an instance that does not hold the source ask the one that does to
 * refresh, over Redis pub/sub. Only the leader subscribes to the request
 * channel, so a PUBLISH that reaches nobody means there is no leader to ask.
 */
export class RefreshRelay {
  private subscriber: Redis | undefined;
  private subscribed: Promise<unknown> = Promise.resolve();
  private handler: RefreshHandler | undefined;
  private readonly pending = new Map<string, Settle>();

  constructor(private readonly opts: RefreshRelayOptions) {}

  private get replyChannel(): string {
    return `${this.opts.channel}:reply:${this.opts.instanceId}`;
  }

  start(): void {
    if (this.subscriber) return;
    // Queues its subscriptions until connected and renews them on reconnect;
    // subscribing writes nothing, so sending one again is harmless.
    const subscriber = this.opts.redis.duplicate({
      enableOfflineQueue: true,
      commandTimeout: undefined,
      autoResendUnfulfilledCommands: true,
    });
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string, text: string) => {
      this.onMessage(channel, text);
    });
    this.subscriber = subscriber;
    this.subscribed = subscriber
      .subscribe(this.replyChannel)
      .catch((error: unknown) => this.warn(error, 'refresh reply channel'));
  }

  async stop(): Promise<void> {
    for (const settle of [...this.pending.values()]) settle(null);
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    this.handler = undefined;
    subscriber?.disconnect();
    await Promise.resolve();
  }

  /** Answers other instances' requests with `handler` (while leading). */
  serve(handler: RefreshHandler): void {
    this.handler = handler;
    void this.subscriber
      ?.subscribe(this.opts.channel)
      .catch((error: unknown) => this.warn(error, 'refresh requests'));
  }

  stopServing(): void {
    this.handler = undefined;
    void this.subscriber
      ?.unsubscribe(this.opts.channel)
      .catch((error: unknown) => this.warn(error, 'refresh requests'));
  }

  /**
   * Asks the leader to refresh. Null when no instance listens, Redis fails,
   * or no reply comes within `timeoutMs`.
   */
  async request(): Promise<RefreshReply | null> {
    await this.subscribed;
    const requestId = randomUUID();
    const reply = this.awaitReply(requestId);
    const request: RefreshRequest = { requestId, replyTo: this.replyChannel };
    const heard = await this.opts.redis
      .publish(this.opts.channel, encodeEntry(request))
      .catch((error: unknown) => {
        this.warn(error, 'refresh request');
        return 0;
      });
    if (heard === 0) this.pending.get(requestId)?.(null);
    return reply;
  }

  private awaitReply(requestId: string): Promise<RefreshReply | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => settle(null),
        this.opts.timeoutMs ?? 10_000,
      );
      const settle: Settle = (reply) => {
        clearTimeout(timer);
        this.pending.delete(requestId);
        resolve(reply);
      };
      this.pending.set(requestId, settle);
    });
  }

  private onMessage(channel: string, text: string): void {
    try {
      if (channel === this.replyChannel) {
        const reply = decodeEntry<RefreshReply & { requestId: string }>(text);
        this.pending.get(reply.requestId)?.(reply);
      } else if (channel === this.opts.channel) {
        void this.answer(decodeEntry<RefreshRequest>(text));
      }
    } catch (error) {
      this.warn(error, 'refresh message');
    }
  }

  private async answer(request: RefreshRequest): Promise<void> {
    const handler = this.handler;
    if (!handler) return;
    let reply: RefreshReply;
    try {
      reply = { ok: true, ...(await handler()) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reply = { ok: false, error: message };
    }
    const text = encodeEntry({ ...reply, requestId: request.requestId });
    await this.opts.redis
      .publish(request.replyTo, text)
      .catch((error: unknown) => this.warn(error, 'refresh reply'));
  }

  private warn(error: unknown, what: string): void {
    this.opts.logger.warn({ err: error }, `${what} over Redis failed`);
  }
}
