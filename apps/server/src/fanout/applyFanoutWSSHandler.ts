import { silentLogger, type Logger } from '@medianest/kuma-client';
import type { AnyRouter } from '@trpc/server';
import {
  applyWSSHandler,
  getWSConnectionHandler,
  jsonEncoder,
  type WSSHandlerOptions,
} from '@trpc/server/adapters/ws';
import type { TRPCReconnectNotification } from '@trpc/server/rpc';
import { WebSocket } from 'ws';
import { checkCompatibility, type Compatibility } from './compatibility';
import { openSlot, slotEncoder } from './connectionSlots';
import type { RouterConfig } from './frames';

export type FanoutWSSHandlerOptions<TRouter extends AnyRouter> =
  WSSHandlerOptions<TRouter> & {
    /** @default silentLogger */
    logger?: Logger;
    /**
     * Overrides the pinned `@trpc/server` version, for tests of the
     * fallback only.
     * @internal
     */
    verifiedTrpcVersion?: string;
  };

export interface FanoutWSSHandler {
  /** Tells every client to reconnect, as the stock handler's does. */
  broadcastReconnectNotification(): void;
  /** Whether fan-outs may take the fast path, and why not. */
  compatibility: Compatibility;
}

/**
 * A drop-in for `applyWSSHandler`: the stock adapter serves every
 * connection, and fan-outs used by its procedures may write their data
 * frames themselves. When the installed tRPC or the options don't match
 * what the fast path was verified against, it is exactly the stock handler.
 */
export function applyFanoutWSSHandler<TRouter extends AnyRouter>(
  opts: FanoutWSSHandlerOptions<TRouter>,
): FanoutWSSHandler {
  const { logger = silentLogger, verifiedTrpcVersion } = opts;
  const wssOpts: WSSHandlerOptions<TRouter> = opts;
  // The router's own options; `AnyRouter` types them loosely.
  const config = wssOpts.router._def._config as RouterConfig;
  const compatibility = checkCompatibility({
    config,
    encoder: wssOpts.experimental_encoder,
    ...(verifiedTrpcVersion ? { verifiedVersion: verifiedTrpcVersion } : {}),
  });
  if (!compatibility.ok) {
    logger.warn(
      { reason: compatibility.reason },
      'fan-out fast path off: subscriptions use the stock ws adapter',
    );
    return { ...applyWSSHandler(wssOpts), compatibility };
  }

  wssOpts.wss.on('connection', (socket, req) => {
    if (wssOpts.prefix && !req.url?.startsWith(wssOpts.prefix)) return;
    // One handler per connection, so that its encoder knows the socket.
    const slot = openSlot(socket, config);
    const encoder = slotEncoder(slot, jsonEncoder);
    getWSConnectionHandler({ ...wssOpts, experimental_encoder: encoder })(
      socket,
      req,
    );
  });
  return {
    broadcastReconnectNotification: () => {
      broadcastReconnect(wssOpts.wss.clients);
    },
    compatibility,
  };
}

function broadcastReconnect(clients: Set<WebSocket>) {
  const notification: TRPCReconnectNotification = {
    id: null,
    method: 'reconnect',
  };
  const data = JSON.stringify(notification);
  for (const client of clients) {
    if (client.readyState === WebSocket.OPEN) client.send(data);
  }
}
