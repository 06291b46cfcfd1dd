import { streamNotifications } from '../streams/notificationEvents';
import { readProcedure, router } from '../trpc';
import { resumeInput } from './status';

export const notificationsRouter = router({
  /** Live notifications (down, recovered, degraded, ...), tracked by id. */
  onEvent: readProcedure.input(resumeInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const release = ctx.deps.metrics.addSubscriber('notifications.onEvent');
    try {
      yield* streamNotifications({
        feed: ctx.deps.feed,
        lastEventId: input?.lastEventId ?? null,
        signal: signal ?? new AbortController().signal,
      });
    } finally {
      release();
    }
  }),
});
