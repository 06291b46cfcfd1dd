import { TRPCError } from '@trpc/server';

const CODE_MAP = {
  BAD_CHANGE_ID: 'BAD_REQUEST',
  STORE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;

/**
 * Maps status-core's errors to tRPC codes at the procedure boundary: a bad
 * cursor or event id is the caller's mistake, an absent store is not.
 */
export function toTRPCError(error: unknown): unknown {
  if (error instanceof TRPCError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in CODE_MAP) {
    return new TRPCError({
      code: CODE_MAP[code as keyof typeof CODE_MAP],
      message: (error as Error).message,
      cause: error,
    });
  }
  return error;
}

/** Runs `work`, mapping what it throws with `toTRPCError`. */
export async function mapEngineErrors<TResult>(
  work: () => Promise<TResult>,
): Promise<TResult> {
  try {
    return await work();
  } catch (error) {
    throw toTRPCError(error);
  }
}
