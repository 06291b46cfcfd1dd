import type { Logger } from 'pino';

export interface ShutdownOptions {
  close: () => Promise<void>;
  logger: Logger;
  /** Give up and exit 1 if closing takes longer. @default 10000 */
  timeoutMs?: number;
  /** @default process.exit */
  exit?: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT: close the app (stop accepting, close subscriptions,
 * stop the engine and release the Kuma lock) and exit 0. A second signal,
 * or a close that hangs, exits 1 at once.
 */
export function installShutdown(opts: ShutdownOptions): () => void {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let started = false;

  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      opts.logger.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    started = true;
    opts.logger.info({ signal }, 'signal received, closing');
    const timer = setTimeout(() => {
      opts.logger.error('shutdown timed out');
      exit(1);
    }, opts.timeoutMs ?? 10_000);
    timer.unref();
    opts.close().then(
      () => exit(0),
      (error: unknown) => {
        opts.logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };

  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}
