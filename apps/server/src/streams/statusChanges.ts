import { tracked, type TrackedEnvelope } from '@trpc/server';
import type {
  ServiceStatus,
  StatusChange,
  StatusEngineApi,
} from '@medianest/status-core';
import type { ChangeFeed } from './changeFeed';
import { EventQueue } from './eventQueue';
import { compareEventIds, ORIGIN_EVENT_ID } from './eventIds';

export interface StatusChangesOptions {
  engine: StatusEngineApi;
  feed: ChangeFeed;
  /** The id of the last event the client saw, when it resumes. */
  lastEventId?: string | null;
  /** Aborted when the client unsubscribes or disconnects. */
  signal: AbortSignal;
}

/** One event of the stream before it is wrapped with `tracked()`. */
export interface StatusEvent {
  id: string;
  data: ServiceStatus;
}

/**
 * The core of `status.onChange`. A fresh subscriber gets every current
 * status, tagged with the id of the newest change, then live changes. A
 * resuming one gets exactly the changes after its `lastEventId`, then live
 * ones.
 *
 * The live listener is attached before the snapshot or backlog is read, and
 * live changes at or below the last id sent are dropped, so a change that
 * lands while the backlog is read is sent exactly once.
 */
export async function* streamStatusChanges(
  opts: StatusChangesOptions,
): AsyncGenerator<TrackedEnvelope<ServiceStatus>> {
  const live = new EventQueue<StatusChange>(opts.signal);
  const stop = opts.feed.onChange((change) => live.push(change));
  try {
    const start = await initialEvents(opts.engine, opts.lastEventId);
    for (const event of start) yield tracked(event.id, event.data);

    let lastId = start.at(-1)?.id ?? opts.lastEventId ?? ORIGIN_EVENT_ID;
    for await (const change of live) {
      if (compareEventIds(change.id, lastId) <= 0) continue;
      lastId = change.id;
      yield tracked(change.id, change.status);
    }
  } finally {
    stop();
  }
}

/**
 * What a subscriber gets before live changes: with `lastEventId`, every
 * retained change after it; without, or when changes after it have already
 * left the bounded history, every current status tagged with the id of the
 * newest change.
 */
export async function initialEvents(
  engine: StatusEngineApi,
  lastEventId: string | null | undefined,
): Promise<StatusEvent[]> {
  if (lastEventId) {
    const missed = await engine.readAfter(lastEventId);
    if (!missed.expired) {
      return missed.items.map((c) => ({ id: c.id, data: c.status }));
    }
  }
  // Read the id first: a change landing during list() then has a newer id
  // and is sent again from the live queue rather than lost.
  const id = engine.health().lastChangeId ?? ORIGIN_EVENT_ID;
  const statuses = await engine.list();
  return statuses.map((status) => ({ id, data: status }));
}
