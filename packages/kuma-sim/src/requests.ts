import { NOT_LOGGED_IN, plainError } from './messages';
import { isLoggedIn } from './simContext';
import type { SimContext, SimSocket } from './simContext';

/** A Socket.IO ack callback. */
export type Ack = (...args: unknown[]) => void;

/** A request handler: the event's arguments without the callback. */
export type RequestHandler = (
  args: unknown[],
  ack: Ack | undefined,
) => void | Promise<void>;

/** Registers one client event on a socket. */
export interface Registrar {
  /** Answers any socket. */
  open(event: string, handler: RequestHandler): void;
  /** Answers "You are not logged in." unless the socket is logged in. */
  authed(event: string, handler: RequestHandler): void;
}

/**
 * Handlers stop answering while `ctx.responding` is false, and never throw
 * out of a socket listener.
 */
export function registrar(ctx: SimContext, socket: SimSocket): Registrar {
  const open = (event: string, handler: RequestHandler): void => {
    socket.on(event, (...raw: unknown[]) => {
      if (!ctx.responding) return;
      const last = raw.at(-1);
      const ack = typeof last === 'function' ? (last as Ack) : undefined;
      const args = ack ? raw.slice(0, -1) : raw;
      void Promise.resolve()
        .then(() => handler(args, ack))
        .catch((error: unknown) => ack?.(plainError(errorText(error))));
    });
  };
  const authed = (event: string, handler: RequestHandler): void => {
    open(event, (args, ack) => {
      if (!isLoggedIn(socket)) return ack?.(plainError(NOT_LOGGED_IN));
      return handler(args, ack);
    });
  };
  return { open, authed };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A numeric id from a wire argument (Kuma accepts "5" and 5 alike). */
export function numericId(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
