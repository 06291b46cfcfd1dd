import { adminRouter } from './routers/admin';
import { notificationsRouter } from './routers/notifications';
import { statusRouter } from './routers/status';
import { systemRouter } from './routers/system';
import { router } from './trpc';

/** The whole API. Procedure names are part of the public contract. */
export const appRouter = router({
  status: statusRouter,
  notifications: notificationsRouter,
  admin: adminRouter,
  system: systemRouter,
});

/** Import this type (only) in clients: `createTRPCClient<AppRouter>`. */
export type AppRouter = typeof appRouter;
