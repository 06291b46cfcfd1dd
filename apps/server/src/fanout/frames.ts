import {
  transformTRPCResponse,
  type AnyTRPCRootTypes,
  type TRPCRootConfig,
} from '@trpc/server';
import type { TRPCResponseMessage } from '@trpc/server/rpc';

/** The router options the ws adapter serializes with (its transformer). */
export type RouterConfig = TRPCRootConfig<AnyTRPCRootTypes>;

/** A JSON-RPC request id, as the client chose it. */
export type SubscriptionId = number | string;

/** Who a data frame is addressed to: one subscription on one connection. */
export interface SubscriptionKey {
  id: SubscriptionId;
  /** Echoed only when the request carried it, as the adapter does. */
  jsonrpc: '2.0' | undefined;
}

/** One change to broadcast: what a subscription yields as `tracked(id, data)`. */
export interface FanoutEvent<TData> {
  /** The event id clients resume from (`lastEventId`). */
  id: string;
  data: TData;
}

/**
 * The message the ws adapter builds for a `tracked(id, data)` yield. The
 * member order matters: it decides the bytes of the frame.
 */
export function trackedMessage(
  key: SubscriptionKey,
  event: FanoutEvent<unknown>,
): TRPCResponseMessage {
  return {
    id: key.id,
    jsonrpc: key.jsonrpc,
    result: {
      type: 'data',
      data: { id: event.id, data: event.data },
      id: event.id,
    },
  };
}

/** The frame the stock adapter writes for a message, serialized per call. */
export function stockFrame(
  config: RouterConfig,
  message: TRPCResponseMessage,
): string {
  return JSON.stringify(transformTRPCResponse(config, message));
}

/**
 * The `result` member of an event's frame. It is the same for every
 * subscriber, so a broadcast serializes it once.
 */
export function serializeResult(
  config: RouterConfig,
  event: FanoutEvent<unknown>,
): string {
  const anyKey: SubscriptionKey = { id: 0, jsonrpc: undefined };
  const message = transformTRPCResponse(config, trackedMessage(anyKey, event));
  if (!('result' in message)) throw new TypeError('expected a result');
  return JSON.stringify(message.result);
}

/** What precedes `result` in a subscriber's frames, built once per subscriber. */
export function framePrefix(key: SubscriptionKey): string {
  const head = JSON.stringify({ id: key.id, jsonrpc: key.jsonrpc });
  return `${head.slice(0, -1)},"result":`;
}

/** A subscriber's frame from its prefix and a serialized `result`. */
export function spliceFrame(prefix: string, result: string): string {
  return `${prefix}${result}}`;
}
