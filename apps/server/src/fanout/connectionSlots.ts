import type { Encoder } from '@trpc/server/adapters/ws';
import type { WebSocket } from 'ws';
import type { RouterConfig, SubscriptionKey } from './frames';

/** What the fan-out knows about a connection served by its handler. */
export interface ConnectionSlot {
  config: RouterConfig;
  /**
   * The subscription whose `started` was just written. The adapter pulls
   * the generator right after, in the same synchronous step, so the
   * generator claims it before any other code runs; it is cleared at the
   * next microtask so that nothing later can claim it by mistake.
   */
  started: SubscriptionKey | null;
}

const slots = new WeakMap<WebSocket, ConnectionSlot>();

/** Marks a socket as served by the fan-out handler. */
export function openSlot(socket: WebSocket, config: RouterConfig) {
  const slot: ConnectionSlot = { config, started: null };
  slots.set(socket, slot);
  return slot;
}

/**
 * Takes the key of the subscription being started on this socket, or null
 * when the socket isn't served by the fan-out handler or no `started` was
 * written in this synchronous step.
 */
export function claimStarted(socket: WebSocket | undefined) {
  const slot = socket ? slots.get(socket) : undefined;
  const key = slot?.started ?? null;
  if (slot) slot.started = null;
  return key && slot ? { key, config: slot.config } : null;
}

function startedKey(message: unknown): SubscriptionKey | null {
  if (typeof message !== 'object' || message === null) return null;
  const { id, jsonrpc, result } = message as Record<string, unknown>;
  const type = (result as { type?: unknown } | undefined)?.type;
  if (type !== 'started') return null;
  if (typeof id !== 'number' && typeof id !== 'string') return null;
  return { id, jsonrpc: jsonrpc === '2.0' ? '2.0' : undefined };
}

/** Wraps the adapter's encoder to note each `started` it writes. */
export function slotEncoder(slot: ConnectionSlot, inner: Encoder): Encoder {
  return {
    encode(message) {
      const key = startedKey(message);
      if (key) {
        slot.started = key;
        queueMicrotask(() => {
          if (slot.started === key) slot.started = null;
        });
      }
      return inner.encode(message);
    },
    decode: (data) => inner.decode(data),
  };
}
