import type { TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { observable } from '@trpc/server/observable';

/**
 * Ends, without sending, each operation that starts once `isClosed()`
 * holds. The WebSocket client opens its socket again for any request made
 * after `close()`, so a subscription started late (one waiting on a query,
 * as in `subscribeNotifications`) would bring a closed client back.
 * Ending it matches what `close()` does to the open ones.
 */
export function endAfterCloseLink<TRouter extends AnyRouter>(
  isClosed: () => boolean,
): TRPCLink<TRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        if (isClosed()) {
          observer.complete();
          return;
        }
        return next(op).subscribe(observer);
      });
}
