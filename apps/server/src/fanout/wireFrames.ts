import { createRequire } from 'node:module';
import * as wsModule from 'ws';
import type { WebSocket } from 'ws';

/**
 * The `ws` major whose internals the direct writes rely on: a socket's
 * `_sender` (`_state`, `_queue`, `_firstFragment`), `_socket` and
 * `_extensions`, and `Sender.frame`. Another major writes through
 * `socket.send()`.
 */
export const VERIFIED_WS_MAJOR = 8;

/** A text message ready to go: its whole WebSocket frame and its payload. */
export interface WireMessage {
  /** Header and payload in one buffer, built once per broadcast. */
  frame: Buffer | null;
  payload: Buffer;
}

interface SenderInternals {
  _state: number;
  _queue: unknown[];
  _firstFragment: boolean;
}

interface SocketInternals {
  _sender: SenderInternals | null;
  _socket: { write(chunk: Buffer): boolean } | null;
  _extensions: Record<string, unknown>;
}

interface SenderClass {
  frame(data: Buffer, options: Record<string, unknown>): Buffer[];
  new (
    socket: unknown,
    extensions: object,
  ): {
    send(data: Buffer, options: Record<string, unknown>): void;
  };
}

const TEXT = { binary: false } as const;
/** An unmasked, uncompressed, final text frame, as a server sends. */
const frameOptions = {
  fin: true,
  mask: false,
  opcode: 1,
  readOnly: true,
  rsv1: false,
};
const Sender = (wsModule as unknown as { Sender?: SenderClass }).Sender;

/** Whether whole frames may be written to sockets directly. */
export const directWrites = selfTest();

/**
 * Builds a broadcast's message once: with direct writes on, the frame
 * `ws` would write for `payload` as an unmasked, uncompressed text message.
 */
export function wireMessage(payload: Buffer): WireMessage {
  if (!directWrites || !Sender) return { frame: null, payload };
  const parts = Sender.frame(payload, frameOptions);
  return { frame: Buffer.concat(parts), payload };
}

/**
 * Writes the message to one socket: the pre-built frame straight to its
 * TCP socket when nothing else is queued in `ws` for it (so the order
 * holds) and no compression was negotiated; `socket.send()` otherwise.
 */
export function writeMessage(socket: WebSocket, message: WireMessage): void {
  const { frame } = message;
  const internals = socket as unknown as SocketInternals;
  const sender = internals._sender;
  const raw = internals._socket;
  if (
    frame &&
    raw &&
    sender?._state === 0 &&
    sender._queue.length === 0 &&
    sender._firstFragment &&
    internals._extensions['permessage-deflate'] === undefined
  ) {
    raw.write(frame);
    return;
  }
  socket.send(message.payload, TEXT);
}

/**
 * Direct writes are on when the installed `ws` is the verified major and
 * its own Sender writes, for payloads of each length encoding, exactly the
 * frames built here.
 */
function selfTest(): boolean {
  try {
    const require = createRequire(import.meta.url);
    const { version } = require('ws/package.json') as { version: string };
    if (Number(version.split('.')[0]) !== VERIFIED_WS_MAJOR || !Sender) {
      return false;
    }
    return [5, 300, 70_000].every((size) => {
      const payload = Buffer.alloc(size, 'a');
      const written: Buffer[] = [];
      const socket = {
        cork: () => undefined,
        uncork: () => undefined,
        write: (chunk: Buffer) => written.push(Buffer.from(chunk)),
      };
      new Sender(socket, {}).send(payload, {
        ...TEXT,
        compress: false,
        fin: true,
        mask: false,
      });
      const ours = Buffer.concat(Sender.frame(payload, frameOptions));
      return Buffer.concat(written).equals(ours);
    });
  } catch {
    return false;
  }
}
