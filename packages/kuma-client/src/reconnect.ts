import type { KumaErrorCode } from './errors';
import { KumaClientError } from './errors';
import type { Logger } from './logger';
import type { RetryPolicy } from './retry';

/** Errors that another attempt cannot fix: reconnecting stops. */
const FATAL_CODES = new Set<KumaErrorCode>([
  'INVALID_CREDENTIALS',
  'TWO_FACTOR_REQUIRED',
  'INVALID_TWO_FACTOR',
  'INVALID_TOKEN',
  'AUTH_REQUIRED',
  'SESSION_EXPIRED',
]);

/** What the reconnect loop needs from the client. */
export interface ReconnectHost {
  retry: RetryPolicy;
  logger: Logger;
  /** One connection attempt; resolves once its session is adopted. */
  attempt(): Promise<void>;
  isClosed(): boolean;
  /** A failed attempt that another one may fix: report it, wait again. */
  onRetry(error: KumaClientError): void;
  /** Reconnecting stopped for good: report and close. */
  onGiveUp(error: KumaClientError): void;
}

/**
 * The reconnect loop: asks the retry policy for a delay, runs an attempt
 * after it, and stops on an error no attempt can fix or when the policy
 * gives up. The attempt count restarts at every adopted session.
 */
export class Reconnector {
  readonly #host: ReconnectHost;
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(host: ReconnectHost) {
    this.#host = host;
  }

  /** A session was adopted: the next loss starts again at attempt 1. */
  reset(): void {
    this.#attempt = 0;
  }

  cancel(): void {
    clearTimeout(this.#timer);
  }

  /** `minDelayMs`: what a rate-limited server asked to wait, if it did. */
  schedule(minDelayMs = 0): void {
    this.#attempt += 1;
    const planned = this.#host.retry(this.#attempt);
    if (planned === null) {
      this.#host.onGiveUp(
        new KumaClientError(
          'DISCONNECTED',
          `Gave up reconnecting to Kuma after ${this.#attempt - 1} attempts (the \`retry\` policy returned null).`,
        ),
      );
      return;
    }
    const delay = Math.max(planned, minDelayMs);
    this.#host.logger.info(
      { attempt: this.#attempt, delay },
      'kuma-client: reconnecting',
    );
    // Never the reason the process stays alive: close() is not required.
    this.#timer = setTimeout(() => void this.#run(), delay);
    this.#timer.unref();
  }

  async #run(): Promise<void> {
    try {
      await this.#host.attempt();
    } catch (error) {
      if (this.#host.isClosed()) return;
      const failure = KumaClientError.from(error);
      if (FATAL_CODES.has(failure.code)) {
        this.#host.onGiveUp(failure);
        return;
      }
      this.#host.onRetry(failure);
      this.schedule(failure.retryAfterMs);
    }
  }
}
