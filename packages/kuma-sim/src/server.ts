import { createServer } from 'node:http';
import type {
  IncomingMessage,
  Server as HttpServer,
  ServerResponse,
} from 'node:http';
import type { Socket as NetSocket } from 'node:net';

import { Server } from 'socket.io';

import { KumaSimError } from './errors';

/** The HTTP + Socket.IO listener, able to go away and come back. */
export class SimServer {
  readonly http: HttpServer;
  readonly io: Server;
  private readonly connections = new Set<NetSocket>();
  private boundPort = 0;

  /** Answers every HTTP request that is not Socket.IO's. */
  onRequest: (req: IncomingMessage, res: ServerResponse) => void = (
    _req,
    res,
  ) => {
    res.writeHead(404).end();
  };

  constructor(readonly host: string) {
    this.http = createServer((req, res) => this.onRequest(req, res));
    this.http.on('connection', (conn: NetSocket) => {
      this.connections.add(conn);
      conn.once('close', () => this.connections.delete(conn));
    });
    // Kuma sets no CORS, path or transport options: engine.io defaults.
    this.io = new Server(this.http, { serveClient: false });
  }

  get port(): number {
    return this.boundPort;
  }

  /** Listens; `port` 0 picks a free one, kept for every later reopen. */
  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, this.host, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    const address = this.http.address();
    if (!address || typeof address === 'string') {
      throw new KumaSimError('NOT_RUNNING', 'the server has no TCP address');
    }
    this.boundPort = address.port;
  }

  /**
   * Drops every connection the way a dying process does: clients see
   * "transport close" and start reconnecting.
   */
  dropConnections(): void {
    for (const conn of this.connections) conn.destroy();
    this.connections.clear();
  }

  /** Stops listening (port closed) and drops every connection. */
  async stopListening(): Promise<void> {
    const closed = new Promise<void>((resolve) => {
      if (!this.http.listening) return resolve();
      this.http.close(() => resolve());
    });
    this.dropConnections();
    await closed;
  }

  /** Closes Socket.IO and the HTTP server for good. */
  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => {
      void this.io.close(() => resolve());
    });
  }
}
