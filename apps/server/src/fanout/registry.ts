import type { Logger } from '@medianest/kuma-client';
import { WebSocket } from 'ws';
import {
  framePrefix,
  serializeResult,
  spliceFrame,
  type FanoutEvent,
  type RouterConfig,
  type SubscriptionKey,
} from './frames';
import { wireMessage, writeMessage, type WireMessage } from './wireFrames';

/** One subscription, on the fast path or the stock one. */
export interface Subscriber<TData> {
  socket: WebSocket | undefined;
  /** Set while it may take the fast path; null on the stock path. */
  key: SubscriptionKey | null;
  group: Group<TData> | null;
  /** Events not yet written: during the backlog, or on the stock path. */
  queue: FanoutEvent<TData>[] | null;
  /** Wakes the generator: an event was queued, or it was removed. */
  wake: (() => void) | null;
  removed: boolean;
  onClose: () => void;
}

/** Subscribers whose frames share a prefix, so share one frame buffer. */
interface Group<TData> {
  prefix: string;
  members: Set<Subscriber<TData>>;
}

export interface RegistryOptions {
  maxBufferedBytes: number;
  maxQueuedEvents: number;
  logger: Logger;
  onSlowConsumer: ((socket: WebSocket | undefined) => void) | undefined;
}

/** Subscribers of one fan-out, and how a broadcast reaches them. */
export class Registry<TData> {
  private readonly groups = new Map<string, Group<TData>>();
  private readonly queued = new Set<Subscriber<TData>>();
  private config: RouterConfig | null = null;

  constructor(private readonly opts: RegistryOptions) {}

  /** Adds a subscriber, on the stock path until claimed, queueing events. */
  add(socket: WebSocket | undefined) {
    const subscriber: Subscriber<TData> = {
      socket,
      key: null,
      group: null,
      queue: [],
      wake: null,
      removed: false,
      onClose: () => this.remove(subscriber),
    };
    // `on`, not `once`: `once` wraps each listener in a closure of its own.
    socket?.on('close', subscriber.onClose);
    this.queued.add(subscriber);
    return subscriber;
  }

  /** Puts a subscriber on the fast path, if its claim holds. */
  claim(subscriber: Subscriber<TData>, claim: Claim | null) {
    if (subscriber.removed || !claim) return;
    if (this.acceptConfig(claim.config)) subscriber.key = claim.key;
  }

  /**
   * Moves a fast-path subscriber from its queue to its group, writing its
   * backlog and then what it queued meanwhile (minus what the backlog
   * already held) first, so that the order holds.
   */
  goLive(
    subscriber: Subscriber<TData>,
    backlog: readonly FanoutEvent<TData>[],
  ) {
    const { key, queue } = subscriber;
    const config = this.config;
    if (subscriber.removed || !key || !queue || !config) return;
    const prefix = framePrefix(key);
    const replayed = new Set(backlog.map((event) => event.id));
    const missed = queue.filter((event) => !replayed.has(event.id));
    for (const event of [...backlog, ...missed]) {
      if (subscriber.removed) return;
      const result = serializeResult(config, event);
      const payload = Buffer.from(spliceFrame(prefix, result));
      this.write(subscriber, { frame: null, payload });
    }
    if (subscriber.removed) return;

    this.queued.delete(subscriber);
    subscriber.queue = null;
    subscriber.group = this.groupFor(prefix);
    subscriber.group.members.add(subscriber);
  }

  /** Serializes the event once and writes it to every live subscriber. */
  publish(event: FanoutEvent<TData>) {
    if (this.groups.size > 0 && this.config) {
      const result = serializeResult(this.config, event);
      for (const group of this.groups.values()) {
        // One WebSocket frame per group, written as is to every member.
        const payload = Buffer.from(spliceFrame(group.prefix, result));
        const message = wireMessage(payload);
        for (const subscriber of group.members) this.write(subscriber, message);
      }
    }
    for (const subscriber of this.queued) this.enqueue(subscriber, event);
  }

  /** Forgets a subscriber; idempotent. Wakes its generator so it ends. */
  remove(subscriber: Subscriber<TData>) {
    if (subscriber.removed) return;
    subscriber.removed = true;
    subscriber.socket?.off('close', subscriber.onClose);
    this.queued.delete(subscriber);

    const { group } = subscriber;
    group?.members.delete(subscriber);
    if (group?.members.size === 0) this.groups.delete(group.prefix);
    subscriber.wake?.();
  }

  /**
   * How many subscribers are on each path: `fast` counts those that claimed
   * their subscription, live or still receiving their backlog.
   */
  counts() {
    let fast = 0;
    let stock = 0;
    for (const group of this.groups.values()) fast += group.members.size;
    for (const subscriber of this.queued) {
      if (subscriber.key) fast += 1;
      else stock += 1;
    }
    return { fast, stock };
  }

  private acceptConfig(config: RouterConfig) {
    this.config ??= config;
    return this.config === config;
  }

  private groupFor(prefix: string) {
    let group = this.groups.get(prefix);
    if (!group) {
      group = { prefix, members: new Set() };
      this.groups.set(prefix, group);
    }
    return group;
  }

  private write(subscriber: Subscriber<TData>, message: WireMessage) {
    const socket = subscriber.socket;
    if (socket?.readyState !== WebSocket.OPEN) {
      this.remove(subscriber);
      return;
    }
    if (socket.bufferedAmount > this.opts.maxBufferedBytes) {
      this.dropSlow(subscriber);
      return;
    }
    writeMessage(socket, message);
  }

  private enqueue(subscriber: Subscriber<TData>, event: FanoutEvent<TData>) {
    const queue = subscriber.queue;
    if (!queue) return;
    const buffered = subscriber.socket?.bufferedAmount ?? 0;
    if (
      queue.length >= this.opts.maxQueuedEvents ||
      buffered > this.opts.maxBufferedBytes
    ) {
      this.dropSlow(subscriber);
      return;
    }
    queue.push(event);
    subscriber.wake?.();
  }

  /**
   * Closes a connection that doesn't read fast enough. Its client reconnects
   * and resumes from its last event id, instead of the server holding an
   * ever longer backlog for it.
   */
  private dropSlow(subscriber: Subscriber<TData>) {
    const { socket } = subscriber;
    this.remove(subscriber);
    this.opts.logger.warn(
      { bufferedAmount: socket?.bufferedAmount },
      'closing a subscriber that does not keep up',
    );
    this.opts.onSlowConsumer?.(socket);
    socket?.terminate();
  }
}

/** A subscription key claimed on a connection served by the handler. */
export interface Claim {
  key: SubscriptionKey;
  config: RouterConfig;
}
