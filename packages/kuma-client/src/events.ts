import { EventEmitter } from 'node:events';
import type { KumaClientError } from './errors';
import type { Logger } from './logger';
import type {
  KumaHeartbeat,
  KumaMonitor,
  MonitorStats,
  StateChange,
} from './model';

/** Events a `KumaClient` emits, with their listener signatures. */
export interface KumaClientEvents {
  /** The monitor list changed (also after every (re)sync). */
  monitors: (monitors: readonly KumaMonitor[]) => void;
  /** A live beat (not the history lists of the post-login burst). */
  heartbeat: (beat: KumaHeartbeat) => void;
  /** A monitor's average ping, uptime or certificate changed. */
  stats: (monitorId: number, stats: MonitorStats) => void;
  /** A connection state transition. */
  state: (change: StateChange) => void;
  /**
   * Something went wrong that no promise reports: a malformed payload, a lost
   * connection, a failed reconnect. Logged instead when nobody listens.
   */
  error: (error: KumaClientError) => void;
}

/**
 * A typed facade over Node's EventEmitter. Listeners that throw are logged,
 * never propagated into the socket handler that emitted.
 */
export class TypedEmitter<TEvents extends Record<keyof TEvents, AnyListener>> {
  readonly #emitter = new EventEmitter();
  readonly #logger: () => Logger;

  constructor(logger: () => Logger) {
    this.#logger = logger;
  }

  on<TEvent extends keyof TEvents>(
    event: TEvent,
    listener: TEvents[TEvent],
  ): this {
    this.#emitter.on(event as string, listener);
    return this;
  }

  once<TEvent extends keyof TEvents>(
    event: TEvent,
    listener: TEvents[TEvent],
  ): this {
    this.#emitter.once(event as string, listener);
    return this;
  }

  off<TEvent extends keyof TEvents>(
    event: TEvent,
    listener: TEvents[TEvent],
  ): this {
    this.#emitter.off(event as string, listener);
    return this;
  }

  listenerCount(event: keyof TEvents): number {
    return this.#emitter.listenerCount(event as string);
  }

  protected emit<TEvent extends keyof TEvents>(
    event: TEvent,
    ...args: Parameters<TEvents[TEvent]>
  ): void {
    // Node throws an unhandled 'error' event; a library must not.
    if (event === 'error' && this.listenerCount(event) === 0) {
      const err: unknown = args[0];
      this.#logger().error({ err }, 'kuma-client error (no listener)');
      return;
    }
    try {
      this.#emitter.emit(event as string, ...args);
    } catch (err) {
      this.#logger().error({ err, event }, 'a kuma-client listener threw');
    }
  }

  protected removeAllListeners(): void {
    this.#emitter.removeAllListeners();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- listener parameters vary per event
type AnyListener = (...args: any[]) => void;
