import { toTRPCError } from '../engineErrors';
import { readProcedure, router } from '../trpc';
import { resumeInput } from './status';

export const notificationsRouter = router({
  /**
   * Live notifications (down, recovered, degraded, ...), tracked by id; a
   * client resuming with `lastEventId` first gets those it missed.
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
