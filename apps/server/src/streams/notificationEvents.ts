import { tracked, type TrackedEnvelope } from '@trpc/server';
import type {
  StatusEngineApi,
  StatusNotification,
} from '@medianest/status-core';
import type { ChangeFeed } from './changeFeed';
import { EventQueue } from './eventQueue';
import { compareEventIds } from './eventIds';

export interface NotificationEventsOptions {
  engine: StatusEngineApi;
  feed: ChangeFeed;
  /** The id of the last notification the client saw, when it resumes. */
  lastEventId?: string | null;
  signal: AbortSignal;
}

/**
 * The core of `notifications.onEvent`: live notifications with their ids.
 * A resuming client first gets every retained notification after its
 * `lastEventId`. As in `status.onChange`, the live listener is attached
 * before the backlog is read and live events at or below the last id sent
 * are dropped, so none is lost or sent twice. Notifications have no
 * snapshot: when some after `lastEventId` left the bounded history, the
 * client gets those that are left.
 */
export async function* streamNotifications(
  opts: NotificationEventsOptions,
): AsyncGenerator<TrackedEnvelope<StatusNotification>> {
  const live = new EventQueue<StatusNotification>(opts.signal);
  const stop = opts.feed.onNotification((event) => live.push(event));
  try {
    let lastId = opts.lastEventId ?? null;
    if (lastId !== null) {
      const missed = await opts.engine.readNotificationsAfter(lastId);
      for (const event of missed.items) {
        lastId = event.id;
        yield tracked(event.id, event);
      }
    }
    for await (const event of live) {
      if (lastId !== null && compareEventIds(event.id, lastId) <= 0) continue;
      lastId = event.id;
      yield tracked(event.id, event);
    }
  } finally {
    stop();
  }
}
