import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  KumaSim,
  MEDIANEST_MONITORS,
  startBeatLoop,
} from '@medianest/kuma-sim';
import { loadServerConfig } from './config';
import { createApp } from './createApp';
import { createLogger } from './logger';
import { ServerError } from './ServerError';
import { installShutdown } from './shutdown';

const EXAMPLE = fileURLToPath(
  new URL(
    '../../../packages/status-core/examples/medianest.services.yaml',
    import.meta.url,
  ),
);
/** Beat every few seconds so that something visibly happens. */
const DEMO_INTERVAL_S = 5;

/**
 * `pnpm demo`: a simulated Uptime Kuma with the MediaNest services, and the
 * server in front of it with public read and printed dev tokens.
 */
async function demo(): Promise<void> {
  const monitors = MEDIANEST_MONITORS.map((m) => ({
    ...m,
    interval: DEMO_INTERVAL_S,
  }));
  const sim = await KumaSim.start({ dialect: '2.x', monitors });
  const stopBeats = startBeatLoop(sim, {
    monitors: sim.monitorIds().map((id) => ({ id, interval: DEMO_INTERVAL_S })),
    failRate: 0.1,
  });

  const tokens = { admin: devToken('admin'), viewer: devToken('viewer') };
  const config = await loadServerConfig({
    env: {
      LOG_LEVEL: 'info',
      STATUS_PUBLIC_READ: 'true',
      ...process.env,
      ...(existsSync(EXAMPLE) ? { STATUS_CONFIG: EXAMPLE } : {}),
      KUMA_URL: sim.url,
      KUMA_USERNAME: 'admin',
      KUMA_PASSWORD: 'Admin12345!x',
      STATUS_ADMIN_TOKEN: tokens.admin,
      STATUS_VIEWER_TOKEN: tokens.viewer,
    },
  });
  const logger = createLogger({
    level: config.server.logLevel,
    pretty: process.stdout.isTTY,
  });
  const app = await createApp({ config, logger });

  const dashboard = existsSync(join(config.server.webDist, 'index.html'));
  // Dev tokens are printed on purpose: they exist only for this process.
  logger.info(
    {
      kumaSim: sim.url,
      api: app.trpcUrl,
      dashboard: dashboard
        ? app.url
        : 'not built: run `pnpm --filter @medianest/web build`',
      devAdminToken: tokens.admin,
      devViewerToken: tokens.viewer,
    },
    'demo running; Ctrl+C to stop',
  );

  installShutdown({
    logger,
    close: async () => {
      stopBeats();
      await app.close();
      await sim.close();
    },
  });
}

function devToken(role: string): string {
  return `dev-${role}-${randomBytes(9).toString('base64url')}`;
}

demo().catch((error: unknown) => {
  console.error(
    error instanceof ServerError
      ? error.message
      : `Demo failed: ${String(error)}`,
  );
  process.exit(1);
});
