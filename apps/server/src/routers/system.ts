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
});
