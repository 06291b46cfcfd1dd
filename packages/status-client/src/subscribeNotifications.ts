import { TRPCClientError, type TRPCClientErrorLike } from '@trpc/client';
import type { AppRouter } from '@medianest/server';
import type { NotificationDto, NotificationEventDto } from './apiTypes';
import type { StatusClient } from './createStatusClient';

/** Codes that a subscription with the same token would get again. */
const REFUSED = new Set(['UNAUTHORIZED', 'FORBIDDEN']);

/** What `subscribeNotifications` calls, and how much history it reads. */
export interface NotificationHandlers {
  /**
   * Each notification published after those `notifications.recent` read,
   * once and in order, including those published while the WebSocket was
   * away.
   */
  onData: (event: NotificationEventDto) => void;
  /** A refused token, a failed read of the position, ... */
  onError: (error: TRPCClientErrorLike<AppRouter>) => void;
  /**
   * The notifications published before, newest first, called once before
   * any `onData`. Without it only the feed's position is read.
   */
  onRecent?: (items: NotificationDto[]) => void;
  /** How many `onRecent` gets, 1 to 100. @default 20 */
  recentLimit?: number;
}

/**
 * Subscribes to `notifications.onEvent` from the position that
 * `notifications.recent` answers. The WebSocket client learns where to
 * resume from the last event it received; a subscriber that has received
 * none would otherwise lose what was published while its socket was away.
 * When the position cannot be read, the error goes to `onError` and the
 * subscription starts from the live feed, as `onEvent` without input does;
 * after `UNAUTHORIZED` or `FORBIDDEN` it does not start at all, since the
 * same token would be refused again.
 * @example
 * const notes = subscribeNotifications(client, {
 *   onData: ({ data }) => log(data.title),
 *   onError: (err) => log(err.data?.code, err.message),
 * });
 * notes.unsubscribe();
 */
export function subscribeNotifications(
  client: Pick<StatusClient, 'notifications'>,
  handlers: NotificationHandlers,
): { unsubscribe(): void } {
  let stopped = false;
  let live: { unsubscribe(): void } | undefined;
  const follow = (lastEventId?: string) => {
    live = client.notifications.onEvent.subscribe(
      lastEventId === undefined ? undefined : { lastEventId },
      { onData: handlers.onData, onError: handlers.onError },
    );
  };

  // Without onRecent one is enough: the newest notification's id is the
  // position.
  const limit = handlers.recentLimit ?? (handlers.onRecent ? 20 : 1);
  client.notifications.recent.query({ limit }).then(
    ({ items, lastEventId }) => {
      if (stopped) return;
      handlers.onRecent?.(items);
      follow(lastEventId);
    },
    (error: unknown) => {
      if (stopped) return;
      // The links reject with TRPCClientError already; `from` types it.
      const clientError = TRPCClientError.from<AppRouter>(error as Error);
      handlers.onError(clientError);
      if (!REFUSED.has(clientError.data?.code ?? '')) follow();
    },
  );
  return {
    unsubscribe: () => {
      stopped = true;
      live?.unsubscribe();
    },
  };
}
