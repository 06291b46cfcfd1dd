import type {
  KumaConnectionState,
  KumaDialect,
  KumaHeartbeat,
  KumaMonitor,
  MonitorStats,
} from '@medianest/kuma-client';

/**
 * Where monitor data comes from. `KumaClient` satisfies this interface;
 * status-core never touches Socket.IO itself.
 */
export interface StatusSource {
  /** `'ready'` once the initial sync is complete. */
  readonly state: KumaConnectionState;
  /** The detected protocol, once known; shown by `health()`. */
  readonly dialect?: KumaDialect | null;
  /** The server's version, once known; shown by `health()`. */
  readonly kumaVersion?: string | null;
  monitors(): readonly KumaMonitor[];
  /** Recent beats of one monitor, oldest first. */
  beats(monitorId: number): readonly KumaHeartbeat[];
  latestBeat(monitorId: number): KumaHeartbeat | undefined;
  stats(monitorId: number): MonitorStats | undefined;
  /** Ask the source for a fresh full snapshot. */
  resync(): Promise<void>;
  on<TEvent extends keyof StatusSourceEvents>(
    event: TEvent,
    listener: StatusSourceEvents[TEvent],
  ): unknown;
  off<TEvent extends keyof StatusSourceEvents>(
    event: TEvent,
    listener: StatusSourceEvents[TEvent],
  ): unknown;
}

/** The events status-core listens to. */
export interface StatusSourceEvents {
  monitors: (monitors: readonly KumaMonitor[]) => void;
  heartbeat: (beat: KumaHeartbeat) => void;
  stats: (monitorId: number, stats: MonitorStats) => void;
  state: (change: {
    from: KumaConnectionState;
    to: KumaConnectionState;
  }) => void;
}
