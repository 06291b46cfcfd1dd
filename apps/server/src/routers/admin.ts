import { TRPCError } from '@trpc/server';
import { adminProcedure, router } from '../trpc';

export const adminRouter = router({
  /**
   * Forces a resync from Kuma (or, in fallback, an immediate probe) and
   * returns what changed. Limited per token: see `server.refreshIntervalMs`;
   * with `redis` configured the limit is shared by every instance.
   */
  refresh: adminProcedure.mutation(async ({ ctx }) => {
    const decision = await ctx.deps.refreshLimiter.take(ctx.identity.name);
    if (!decision.ok) {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `admin.refresh was called too recently; retry in ${seconds} s`,
      });
    }
    ctx.deps.logger.info({ by: ctx.identity.name }, 'admin refresh');
    return ctx.deps.engine.refresh();
  }),
});
