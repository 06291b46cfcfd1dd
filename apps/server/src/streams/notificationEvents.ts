import { tracked, type TrackedEnvelope } from '@trpc/server';
import type { StatusNotification } from '@medianest/status-core';
import type { ChangeFeed } from './changeFeed';
import { EventQueue } from './eventQueue';
import { compareEventIds } from './eventIds';

export interface NotificationEventsOptions {
  feed: ChangeFeed;
  lastEventId?: string | null;
  signal: AbortSignal;
}

/**
 * The core of `notifications.onEvent`: live notifications with their ids.
 * A resuming client never gets one twice, but those sent while it was away
 * are not replayed.
 * TODO(#4): replay missed notifications once the engine can read them after an id.
 */
export async function* streamNotifications(
  opts: NotificationEventsOptions,
): AsyncGenerator<TrackedEnvelope<StatusNotification>> {
  const live = new EventQueue<StatusNotification>(opts.signal);
  const stop = opts.feed.onNotification((event) => live.push(event));
  try {
    let lastId = opts.lastEventId ?? null;
    for await (const event of live) {
      if (lastId !== null && compareEventIds(event.id, lastId) <= 0) continue;
      lastId = event.id;
      yield tracked(event.id, event);
    }
  } finally {
    stop();
  }
}
