import { readProcedure, router } from '../trpc';

export const systemRouter = router({
  /** The engine's health, this server's identity and its subscriber counts. */
  health: readProcedure.query(({ ctx }) => {
    const { engine, info, metrics } = ctx.deps;
    return {
      engine: engine.health(),
      server: {
        ...info,
        uptimeSeconds: Math.round(
          (Date.now() - info.startedAt.getTime()) / 1000,
        ),
      },
      subscribers: metrics.subscriberCounts(),
    };
  }),

  /**
   * The caller's role: `admin`, `viewer`, or `anonymous` without a token
   * when public read is on. Lets a dashboard show admin controls only to
   * admins; the admin procedures still check for themselves.
   */
  whoami: readProcedure.query(({ ctx }) => ({ role: ctx.identity.role })),
});
