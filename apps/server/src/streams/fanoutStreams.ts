import type { Logger } from 'pino';
import type { ServiceStatus, StatusEngineApi } from '@medianest/status-core';
import { mapEngineErrors } from '../engineErrors';
import { applyFanoutWSSHandler, createFanout } from '../fanout';
import { initialEvents } from './statusChanges';
import {
  createStockStreams,
  type SubscriptionStreams,
} from './subscriptionStreams';

/**
 * `status.onChange` through the fan-out: each change is serialized once and
 * the same frame written to every subscriber. Notifications, which are
 * rare, stay on the stock path.
 */
export function createFanoutStreams(
  engine: StatusEngineApi,
  logger: Logger,
): SubscriptionStreams {
  const fanoutLogger = logger.child({ component: 'fanout' });
  const fanout = createFanout<ServiceStatus>({ logger: fanoutLogger });
  const stop = engine.onChange((change) =>
    fanout.publish({ id: change.id, data: change.status }),
  );
  const stock = createStockStreams(engine);

  return {
    statusChanges: (req) =>
      fanout.stream({
        ws: req.ws,
        signal: req.signal,
        backlog: () =>
          mapEngineErrors(() => initialEvents(engine, req.lastEventId)),
      }),
    notifications: stock.notifications,
    applyWSSHandler: (opts) =>
      applyFanoutWSSHandler({ ...opts, logger: fanoutLogger }),
    counts: () => fanout.counts(),
    close: stop,
  };
}
