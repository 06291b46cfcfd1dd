import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { StatusEngineApi } from '@medianest/status-core';
import { bearerToken, type Authenticator, type AuthResult } from './auth';
import type { AppMetrics } from './metrics';
import type { RateLimiter } from './rateLimit';
import type { SubscriptionStreams } from './streams/subscriptionStreams';
import type { WebSocket } from 'ws';

/** What every procedure can reach, shared by all requests. */
export interface AppDeps {
  engine: StatusEngineApi;
  /** The bodies of the subscriptions; see `SubscriptionStreams`. */
  streams: SubscriptionStreams;
  metrics: AppMetrics;
  refreshLimiter: RateLimiter;
  logger: Logger;
  info: ServerInfo;
}

export interface ServerInfo {
  version: string;
  startedAt: Date;
  node: string;
}

/** The tRPC context: the shared deps and who is calling. */
export interface AppContext {
  deps: AppDeps;
  auth: AuthResult;
  transport: 'http' | 'ws';
  /** The caller's socket, over WebSocket. */
  ws: WebSocket | undefined;
}

export interface ContextSource {
  req: IncomingMessage;
  /** Set over WebSocket: the first message's params. */
  connectionParams?: Record<string, string | undefined> | null;
  /** Set over WebSocket. */
  ws?: WebSocket;
}

/** Builds `createContext` for both adapters. */
export function createContextFactory(opts: {
  deps: AppDeps;
  authenticator: Authenticator;
}) {
  return ({ req, connectionParams, ws }: ContextSource): AppContext => {
    const isWs = connectionParams !== undefined;
    // Browsers cannot set headers on a WebSocket, so over ws the token comes
    // from connectionParams; the header still works for Node clients.
    const token =
      (isWs ? connectionParams?.token : undefined) ??
      bearerToken(req.headers.authorization);
    return {
      deps: opts.deps,
      auth: opts.authenticator.authenticate(token),
      transport: isWs ? 'ws' : 'http',
      ws,
    };
  };
}
