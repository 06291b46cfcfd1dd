import { z } from 'zod';
import { mapEngineErrors, toTRPCError } from '../engineErrors';
import { ORIGIN_EVENT_ID } from '../streams/eventIds';
import { readProcedure, router } from '../trpc';
import { resumeInput } from './status';

const recentInput = z
  .object({ limit: z.int().min(1).max(100).default(20) })
  .prefault({});

export const notificationsRouter = router({
  /**
   * The newest notifications, newest first (like `status.history`), and
   * the feed's position: the newest one's id, or `ORIGIN_EVENT_ID` when
   * there is none. Both come from one read, so `onEvent({ lastEventId })`
   * delivers exactly the notifications that came after those listed.
   */
  recent: readProcedure.input(recentInput).query(({ ctx, input }) =>
    mapEngineErrors(async () => {
      const recent = await ctx.deps.engine.recentNotifications(input.limit);
      return {
        items: recent.items,
        lastEventId: recent.lastId ?? ORIGIN_EVENT_ID,
      };
    }),
  ),

  /**
   * Live notifications (down, recovered, degraded, ...), tracked by id; a
   * client resuming with `lastEventId` first gets those it missed. wsLink
   * only learns an id from an event, so a client that may lose its socket
   * before the first one passes the position from `recent`.
   */
  onEvent: readProcedure.input(resumeInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const release = ctx.deps.metrics.addSubscriber('notifications.onEvent');
    try {
      yield* ctx.deps.streams.notifications({
        lastEventId: input?.lastEventId ?? null,
        signal: signal ?? new AbortController().signal,
        ws: ctx.ws,
      });
    } catch (error) {
      throw toTRPCError(error);
    } finally {
      release();
    }
  }),
});
