import { silentLogger, type Logger } from '@medianest/kuma-client';
import { tracked, type TrackedEnvelope } from '@trpc/server';
import type { WebSocket } from 'ws';
import { claimStarted } from './connectionSlots';
import type { FanoutEvent } from './frames';
import { Registry, type Subscriber } from './registry';

export interface FanoutOptions {
  /**
   * A subscriber whose socket holds more unsent bytes than this is closed
   * (its client reconnects and resumes) rather than buffered without limit.
   * @default 1_048_576
   */
  maxBufferedBytes?: number;
  /**
   * The most events a stock-path subscriber may have waiting before it is
   * closed the same way.
   * @default 1_000
   */
  maxQueuedEvents?: number;
  /**
   * `stock` never takes the fast path (for comparisons and as a kill switch).
   * @default 'auto'
   */
  mode?: 'auto' | 'stock';
  /** @default silentLogger */
  logger?: Logger;
  /** Called when a slow subscriber's connection is closed. */
  onSlowConsumer?: (socket: WebSocket | undefined) => void;
}

export interface FanoutStreamOptions<TData> {
  /** The subscriber's socket: `opts.res` of the ws adapter's createContext. */
  ws: WebSocket | undefined;
  /** The procedure's `signal`, aborted when the subscription stops. */
  signal: AbortSignal | undefined;
  /**
   * What the subscriber gets before live events, through the normal
   * generator path: the snapshot, or what it missed since `lastEventId`.
   */
  backlog: () => Promise<FanoutEvent<TData>[]> | FanoutEvent<TData>[];
}

/** One serialization per broadcast, written to every subscriber. */
export interface Fanout<TData> {
  /** Broadcasts a change to every subscriber. */
  publish(event: FanoutEvent<TData>): void;
  /**
   * The body of a subscription procedure: `yield* fanout.stream(...)` as its
   * FIRST statement, before any `await`, so that it can claim the
   * subscription the adapter is starting.
   */
  stream(
    opts: FanoutStreamOptions<TData>,
  ): AsyncGenerator<TrackedEnvelope<TData>, void>;
  /** Subscribers on the fast path and on the stock path. */
  counts(): { fast: number; stock: number };
}

/** Creates a fan-out; serve its router with `applyFanoutWSSHandler`. */
export function createFanout<TData>(opts: FanoutOptions = {}): Fanout<TData> {
  const registry = new Registry<TData>({
    maxBufferedBytes: opts.maxBufferedBytes ?? 1_048_576,
    maxQueuedEvents: opts.maxQueuedEvents ?? 1_000,
    logger: opts.logger ?? silentLogger,
    onSlowConsumer: opts.onSlowConsumer,
  });
  const stockOnly = opts.mode === 'stock';

  return {
    publish: (event) => registry.publish(event),
    stream(streamOpts) {
      const subscriber = registry.add(streamOpts.ws);
      // Listening now, not at the first pull: a generator the adapter
      // disposes unstarted never runs its `finally`. Removal on abort runs
      // inside abort(), before `stopped` is written.
      const stop = () => registry.remove(subscriber);
      const { signal } = streamOpts;
      if (signal?.aborted) stop();
      signal?.addEventListener('abort', stop, { once: true });
      const input = { registry, subscriber, opts: streamOpts, stop };
      return runStream({ ...input, claim: !stockOnly });
    },
    counts: () => registry.counts(),
  };
}

interface RunStreamInput<TData> {
  registry: Registry<TData>;
  subscriber: Subscriber<TData>;
  opts: FanoutStreamOptions<TData>;
  stop: () => void;
  /** Whether it may claim its subscription for the fast path. */
  claim: boolean;
}

async function* runStream<TData>(input: RunStreamInput<TData>) {
  const { registry, subscriber, opts, stop } = input;
  // The first pull runs this in the step that wrote `started`, whether the
  // procedure returned this generator or delegated to it with `yield*`.
  if (input.claim) registry.claim(subscriber, claimStarted(opts.ws));
  try {
    if (subscriber.key) {
      // The backlog is written as pre-built frames too: a trip through the
      // adapter costs a promise race per event, whose WeakMap entries grow
      // a table that outlives them.
      await goLive(registry, subscriber, opts.backlog);
      await untilRemoved(subscriber);
    } else {
      yield* sendBacklog(subscriber, opts.backlog);
      yield* drainQueue(subscriber);
    }
  } finally {
    opts.signal?.removeEventListener('abort', stop);
    registry.remove(subscriber);
  }
}

/** A function of its own, so the backlog is not held while suspended. */
async function goLive<TData>(
  registry: Registry<TData>,
  subscriber: Subscriber<TData>,
  read: FanoutStreamOptions<TData>['backlog'],
) {
  registry.goLive(subscriber, await read());
}

async function* sendBacklog<TData>(
  subscriber: Subscriber<TData>,
  read: FanoutStreamOptions<TData>['backlog'],
) {
  const backlog = await read();
  for (const event of backlog) yield tracked(event.id, event.data);
  dropReplayed(subscriber, backlog);
}

/** Events queued during the backlog that the backlog already held. */
function dropReplayed<TData>(
  subscriber: Subscriber<TData>,
  backlog: FanoutEvent<TData>[],
) {
  if (!subscriber.queue?.length || backlog.length === 0) return;
  const replayed = new Set(backlog.map((event) => event.id));
  subscriber.queue = subscriber.queue.filter((e) => !replayed.has(e.id));
}

function untilRemoved(subscriber: Subscriber<unknown>) {
  return new Promise<void>((resolve) => {
    if (subscriber.removed) resolve();
    else subscriber.wake = resolve;
  });
}

/** The stock path: the adapter serializes and writes each yielded event. */
async function* drainQueue<TData>(subscriber: Subscriber<TData>) {
  while (!subscriber.removed) {
    const event = subscriber.queue?.shift();
    if (event) {
      yield tracked(event.id, event.data);
      continue;
    }
    await new Promise<void>((resolve) => {
      subscriber.wake = resolve;
    });
    subscriber.wake = null;
  }
}
