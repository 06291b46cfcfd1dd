import type { CommandContext } from './commands';
import { KumaClientError } from './errors';
import { withTimeout } from './attempt';

/**
 * Callers waiting for the next `monitorList` push, which is how Kuma
 * answers `getMonitorList` (its ack carries no list).
 */
export class MonitorListWaiters {
  readonly #waiters = new Set<() => void>();

  /** A `monitorList` arrived: every waiter resolves. */
  arrived(): void {
    for (const resolve of this.#waiters) resolve();
    this.#waiters.clear();
  }

  /**
   * Resolves at the next `monitorList`; rejects when the connection is
   * lost or none arrives within the request timeout.
   */
  next(ctx: CommandContext): Promise<void> {
    let resolveWaiter: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => {
      resolveWaiter = resolve;
      this.#waiters.add(resolve);
    });
    const timed = withTimeout({
      promise: Promise.race([arrived, ctx.conn.lost]),
      ms: ctx.timeoutMs,
      onTimeout: () =>
        new KumaClientError(
          'TIMEOUT',
          `Kuma acknowledged getMonitorList but sent no monitorList within ${ctx.timeoutMs} ms.`,
          { event: 'monitorList' },
        ),
    });
    timed.catch(() => this.#waiters.delete(resolveWaiter));
    return timed;
  }
}
