import { KumaClientError } from './errors';
import { signOut } from './httpAuth';
import type { Logger } from './logger';

/**
 * Kuma 3.0: signs out of a session the client created, so that closing
 * does not leave a session row behind for 7 days. Closing must succeed
 * even when Kuma is gone, so a failure is logged, never thrown; the
 * request's timeout bounds the wait.
 */
export async function endSession(opts: {
  url: string;
  cookie: string;
  timeoutMs: number;
  logger: Logger;
}): Promise<void> {
  const { logger } = opts;
  try {
    await signOut(opts);
    logger.debug({}, 'kuma-client: signed out of the Kuma session');
  } catch (error) {
    const { code, message } = KumaClientError.from(error);
    logger.warn(
      { code },
      `kuma-client: sign-out failed, the session lasts until it expires: ${message}`,
    );
  }
}
