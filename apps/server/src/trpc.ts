import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { AppContext } from './context';
import type { Identity } from './auth';

const t = initTRPC.context<AppContext>().create({ transformer: superjson });

export const router = t.router;

const counted = t.procedure.use(async ({ ctx, path, type, next }) => {
  const result = await next();
  const outcome = result.ok ? 'ok' : result.error.code;
  ctx.deps.metrics.countCall({ path, type, outcome });
  return result;
});

/** Anyone with a valid token, or anyone at all with public read on. */
export const readProcedure = counted.use(({ ctx, next }) => {
  if (!ctx.auth.ok) throw unauthorized(ctx.auth.reason, ctx.transport);
  return next({ ctx: { identity: ctx.auth.identity } });
});

/** Admin tokens only. */
export const adminProcedure = readProcedure.use(({ ctx, next }) => {
  if (ctx.identity.role === 'anonymous') {
    throw unauthorized('missing', ctx.transport);
  }
  if (ctx.identity.role !== 'admin') throw forbidden(ctx.identity);
  return next();
});

function unauthorized(
  reason: 'missing' | 'unknown',
  transport: AppContext['transport'],
): TRPCError {
  const how =
    transport === 'ws'
      ? 'pass it as connectionParams.token'
      : 'send "Authorization: Bearer <token>"';
  const message =
    reason === 'missing'
      ? `A token is required: ${how}`
      : `Unknown token: use a token listed in auth.tokens or STATUS_*_TOKEN`;
  return new TRPCError({ code: 'UNAUTHORIZED', message });
}

function forbidden(identity: Identity): TRPCError {
  return new TRPCError({
    code: 'FORBIDDEN',
    message: `Token "${identity.name}" has role ${identity.role}; this needs an admin token`,
  });
}
