import type { Logger } from 'pino';
import {
  createStatusEngine,
  type StatusEngineApi,
} from '@medianest/status-core';
import type { ServerConfig } from './config';
import { openKumaSource } from './kumaSource';

/** An engine plus how to stop it. */
export interface ManagedEngine {
  api: StatusEngineApi;
  /** Stops the engine: closes Kuma and releases the leader lock. */
  stop: () => Promise<void>;
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
  const kumaLogger = logger.child({ component: 'kuma-client' });
  const engine = createStatusEngine({
    config: config.status,
    ...redisOptions(config.redis),
    logger: logger.child({ component: 'status-core' }),
    connectSource: () =>
      Promise.resolve(
        openKumaSource({ kuma: config.kuma, logger: kumaLogger }),
      ),
    onLeadership: (event) => logger.info({ event }, 'kuma leadership'),
  });
  await engine.start();
  return { api: engine, stop: () => engine.stop() };
}

function redisOptions(redis: ServerConfig['redis']) {
  if (!redis) return {};
  return {
    redis: redis.url,
    ...(redis.keyPrefix ? { keyPrefix: redis.keyPrefix } : {}),
    ...(redis.lockTtlMs ? { lockTtlMs: redis.lockTtlMs } : {}),
  };
}
