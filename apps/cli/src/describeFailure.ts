import { EXIT, type ExitCode } from './exitCodes';

export interface Failure {
  code: ExitCode;
  message: string;
}

/**
 * Turns what the client threw into a message that says what to change,
 * and the exit code that goes with it.
 */
export function describeFailure(error: unknown, url: string): Failure {
  const trpcCode = readTrpcCode(error);
  if (trpcCode === 'UNAUTHORIZED') {
    return {
      code: EXIT.refused,
      message:
        `The server at ${url} refused the token (${messageOf(error)}). ` +
        'Pass a valid one with --token or STATUS_TOKEN.',
    };
  }
  if (trpcCode === undefined) {
    return {
      code: EXIT.unreachable,
      message:
        `Cannot reach the status server at ${url} (${rootCause(error)}). ` +
        'Is it running? Check --url.',
    };
  }
  return {
    code: EXIT.software,
    message: `The server at ${url} answered ${trpcCode}: ${messageOf(error)}`,
  };
}

function readTrpcCode(error: unknown): string | undefined {
  const data = (error as { data?: { code?: unknown } } | null)?.data;
  return typeof data?.code === 'string' ? data.code : undefined;
}

/** The innermost `cause`: `connect ECONNREFUSED 127.0.0.1:1`, not `fetch failed`. */
function rootCause(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const cause = (current as { cause?: unknown } | null)?.cause;
    if (cause === undefined || cause === null) break;
    current = cause;
  }
  return messageOf(current);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
