import type { Logger } from 'pino';
import type { StatusEngineApi } from '@medianest/status-core';
import { createFanoutStreams } from './fanoutStreams';
import {
  createStockStreams,
  type SubscriptionStreams,
} from './subscriptionStreams';

/** `fanout` serializes each change once; `stock` is plain tRPC. */
export type StreamsMode = 'fanout' | 'stock';

/**
 * The one place that picks how subscriptions are served. The fan-out falls
 * back to the stock adapter by itself when the installed tRPC is not the
 * version it was verified against.
 */
export function createSubscriptionStreams(
  engine: StatusEngineApi,
  opts: { logger: Logger; mode?: StreamsMode },
): SubscriptionStreams {
  return opts.mode === 'stock'
    ? createStockStreams(engine)
    : createFanoutStreams(engine, opts.logger);
}
