import type { TrackedEnvelope } from '@trpc/server';
import {
  applyWSSHandler,
  type WSSHandlerOptions,
} from '@trpc/server/adapters/ws';
import type { WebSocket } from 'ws';
import type {
  ServiceStatus,
  StatusEngineApi,
  StatusNotification,
} from '@medianest/status-core';
import { toTRPCError } from '../engineErrors';
import type { AppRouter } from '../router';
import { createChangeFeed } from './changeFeed';
import { streamNotifications } from './notificationEvents';
import { streamStatusChanges } from './statusChanges';

/** What a subscription procedure passes to its stream. */
export interface StreamRequest {
  lastEventId: string | null;
  /** The procedure's signal: aborted when the subscription stops. */
  signal: AbortSignal;
  /** The subscriber's socket (WebSocket transport only). */
  ws: WebSocket | undefined;
}

/**
 * How subscriptions are served: the bodies of the subscription procedures
 * and the ws adapter that runs them. Swapping this object is the only
 * change a different fan-out needs.
 */
export interface SubscriptionStreams {
  /**
   * What `status.onChange` returns. Engine errors come out as tRPC errors;
   * `counts()` includes it from its first pull (fan-out: from the call).
   */
  statusChanges: (
    req: StreamRequest,
  ) => AsyncGenerator<TrackedEnvelope<ServiceStatus>, void>;
  /** Body of `notifications.onEvent`. */
  notifications: (
    req: StreamRequest,
  ) => AsyncGenerator<TrackedEnvelope<StatusNotification>, void>;
  /** Serves the router on the WebSocket server. */
  applyWSSHandler: (opts: WSSHandlerOptions<AppRouter>) => {
    broadcastReconnectNotification: () => void;
  };
  /** `status.onChange` subscribers on the fast and the stock path. */
  counts: () => { fast: number; stock: number };
  /** Releases engine listeners. */
  close: () => void;
}

/**
 * The stock streams: one engine listener per subscriber, and the stock ws
 * adapter encodes each event once per subscriber.
 */
export function createStockStreams(
  engine: StatusEngineApi,
): SubscriptionStreams {
  const feed = createChangeFeed(engine);
  let open = 0;
  async function* statusChanges(req: StreamRequest) {
    open += 1;
    try {
      yield* streamStatusChanges({ engine, feed, ...req });
    } catch (error) {
      throw toTRPCError(error);
    } finally {
      open -= 1;
    }
  }
  return {
    statusChanges,
    notifications: (req) => streamNotifications({ engine, feed, ...req }),
    applyWSSHandler: (opts) => applyWSSHandler(opts),
    counts: () => ({ fast: 0, stock: open }),
    close: () => undefined,
  };
}
