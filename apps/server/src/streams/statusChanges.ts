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
    const start = opts.lastEventId
      ? await backlog(opts.engine, opts.lastEventId)
      : await snapshot(opts.engine);
    yield* start.events;

    let lastId = start.lastId;
    for await (const change of live) {
      if (compareEventIds(change.id, lastId) <= 0) continue;
      lastId = change.id;
      yield tracked(change.id, change.status);
    }
  } finally {
    stop();
  }
}

interface Start {
  events: TrackedEnvelope<ServiceStatus>[];
  lastId: string;
}

async function snapshot(engine: StatusEngineApi): Promise<Start> {
  // Read the id first: a change landing during list() then has a newer id
  // and is sent again from the live queue rather than lost.
  const id = engine.health().lastChangeId ?? ORIGIN_EVENT_ID;
  const statuses = await engine.list();
  return { events: statuses.map((status) => tracked(id, status)), lastId: id };
}

async function backlog(engine: StatusEngineApi, after: string): Promise<Start> {
  const missed = await engine.readAfter(after);
  return {
    events: missed.map((change) => tracked(change.id, change.status)),
    lastId: missed.at(-1)?.id ?? after,
  };
}
