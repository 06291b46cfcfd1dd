import type { Logger } from 'pino';
import { KumaClient } from '@medianest/kuma-client';
import {
  createStatusEngine,
  type SourceHandle,
  type StatusEngineApi,
} from '@medianest/status-core';
import type { ServerConfig } from './config';

/** An engine plus how to stop it. */
export interface ManagedEngine {
  api: StatusEngineApi;
  /** Stops the engine: closes Kuma and releases the leader lock. */
  stop(): Promise<void>;
}

export interface KumaEngineOptions {
  config: ServerConfig;
  logger: Logger;
}

/**
 * The production engine: status-core opens a Kuma client whenever this
 * instance leads (always, without Redis) and closes it when it stops.
 */
export async function createKumaEngine(
  opts: KumaEngineOptions,
): Promise<ManagedEngine> {
  const { config, logger } = opts;
  const engine = createStatusEngine({
    config: config.status,
    ...(config.redis ? { redis: config.redis.url } : {}),
    logger: logger.child({ component: 'status-core' }),
    connectSource: () => Promise.resolve(openKuma(opts)),
    onLeadership: (event) => logger.info({ event }, 'kuma leadership'),
  });
  await engine.start();
  return { api: engine, stop: () => engine.stop() };
}

function openKuma({ config, logger }: KumaEngineOptions): SourceHandle {
  const { url, username, password, token, totpSecret } = config.kuma;
  const kumaLogger = logger.child({ component: 'kuma-client' });
  const kuma = new KumaClient({
    url,
    logger: kumaLogger,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(token ? { token } : {}),
    ...(totpSecret ? { totpSecret } : {}),
  });
  // The engine follows the client's state and probes meanwhile, so a Kuma
  // that is down at start is logged, not fatal.
  kuma.connect().catch((error: unknown) => {
    kumaLogger.warn({ err: error, url }, 'kuma not reachable yet');
  });
  return { source: kuma, close: () => kuma.close() };
}
