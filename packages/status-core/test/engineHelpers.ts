import type { StatusEngineApi } from '../src/engineApi';
import type {
  ServiceState,
  ServiceStatus,
  StatusChange,
  StatusNotification,
} from '../src/types';

/** A Kuma status with no monitors, as a store might hold it. */
export function storedStatus(
  service: string,
  state: ServiceState,
  extra: Partial<ServiceStatus> = {},
): ServiceStatus {
  const base = { service, displayName: service, status: state };
  return { ...base, source: 'kuma', monitors: [], ...extra };
}

/** Collects what an engine delivers and lets a test await the next one. */
export class Recorder {
  readonly changes: StatusChange[] = [];
  readonly notifications: StatusNotification[] = [];
  private waiters: (() => void)[] = [];
  private readonly disposers: (() => void)[] = [];

  /** Without `engine`, records nothing until `watch` is called. */
  constructor(engine?: StatusEngineApi) {
    if (engine) this.watch(engine);
  }

  /** Records what `engine` delivers from now on. */
  watch(engine: StatusEngineApi): void {
    this.disposers.push(
      engine.onChange((change) => {
        this.changes.push(change);
        this.wake();
      }),
      engine.onNotification((notification) => {
        this.notifications.push(notification);
        this.wake();
      }),
    );
  }

  /** Resolves once `predicate` holds, re-checking after every delivery. */
  async until(predicate: () => boolean, what = 'condition'): Promise<void> {
    const deadline = Date.now() + 8_000;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  dispose(): void {
    this.disposers.forEach((dispose) => dispose());
  }

  /**
   * Re-checks what `until` waits for at once, for news that is not a
   * delivery (a leadership event), instead of at its next poll.
   */
  wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }
}
