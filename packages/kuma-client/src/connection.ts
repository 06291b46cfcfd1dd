import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import { KumaClientError } from './errors';
import type { Logger } from './logger';

export type WireHandler = (args: unknown[]) => void;

/**
 * One Socket.IO connection to Kuma, never reconnecting by itself: the client
 * decides when to reconnect so that every reconnect logs in deliberately.
 * Handlers are wrapped so that nothing throws out of a socket callback, and
 * all of them are released by `close()`.
 */
export class KumaConnection {
  readonly socket: Socket;
  readonly #logger: Logger;
  readonly #lost: Promise<never>;
  #rejectLost: (error: KumaClientError) => void = () => undefined;
  #closed = false;

  constructor(opts: {
    url: string;
    connectTimeoutMs: number;
    logger: Logger;
    /** Handshake headers (3.0: the session cookie). Never logged. */
    extraHeaders?: Record<string, string> | undefined;
  }) {
    this.#logger = opts.logger;
    this.socket = io(opts.url, {
      ...(opts.extraHeaders ? { extraHeaders: opts.extraHeaders } : {}),
      transports: ['websocket'],
      reconnection: false,
      autoConnect: false,
      forceNew: true,
      timeout: opts.connectTimeoutMs,
    });
    this.#lost = new Promise<never>((_, reject) => {
      this.#rejectLost = reject;
    });
    // Observed by whoever races against it; never an unhandled rejection.
    this.#lost.catch(() => undefined);
    this.socket.on('disconnect', (reason) => this.#markLost(reason));
  }

  /** Rejects with DISCONNECTED (or CLOSED) when the socket goes away. */
  get lost(): Promise<never> {
    return this.#lost;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Registers a wire handler; errors it throws are handed to `onError`. */
  on(
    event: string,
    handler: WireHandler,
    onError: (error: unknown) => void,
  ): void {
    this.socket.on(event, (...args: unknown[]) => {
      try {
        handler(args);
      } catch (error) {
        onError(error);
      }
    });
  }

  /**
   * Opens the socket; resolves on `connect`. A closed connection stays
   * closed: `socket.connect()` would open a socket nobody owns.
   */
  open(): Promise<void> {
    if (this.#closed) return this.#lost;
    return new Promise((resolve, reject) => {
      const onConnect = () => {
        this.socket.off('connect_error', onError);
        resolve();
      };
      const onError = (error: Error) => {
        this.socket.off('connect', onConnect);
        reject(
          new KumaClientError(
            'CONNECT_FAILED',
            `Could not open a socket to Kuma: ${error.message}. Check the \`url\` option and that Kuma is running.`,
            { reason: error.message, cause: error },
          ),
        );
      };
      this.socket.once('connect', onConnect);
      this.socket.once('connect_error', onError);
      this.socket.connect();
    });
  }

  /** Closes the socket and drops every handler. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#rejectLost(
      new KumaClientError('CLOSED', 'The connection was closed by the client.'),
    );
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  #markLost(reason: string): void {
    if (this.#closed) return;
    this.#logger.debug({ reason }, 'kuma-client: socket disconnected');
    this.#rejectLost(
      new KumaClientError(
        'DISCONNECTED',
        `The connection to Kuma was lost (${reason}).`,
        { reason },
      ),
    );
  }
}
