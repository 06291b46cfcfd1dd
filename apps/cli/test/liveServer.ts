import { KumaSim, type SimMonitorInit } from '@medianest/kuma-sim';
import {
  createApp,
  createLogger,
  loadServerConfig,
  type App,
} from '@medianest/server';

export const ADMIN_TOKEN = 'cli-admin-token-0001';
export const VIEWER_TOKEN = 'cli-viewer-token-0001';

const DAY = 86_400_000;

/** Three services; Kuma assigns ids 1, 2, 3 in this order. */
export const MONITORS: SimMonitorInit[] = [
  {
    name: 'Jellyfin',
    ping: 42,
    cert: {
      daysRemaining: 60,
      valid: true,
      validTo: new Date(Date.now() + 60 * DAY),
      issuer: 'R11',
    },
  },
  { name: 'Plex', ping: 120 },
  {
    name: 'Home Assistant',
    ping: 15,
    cert: {
      daysRemaining: 9,
      valid: true,
      validTo: new Date(Date.now() + 9 * DAY),
      issuer: 'R10',
    },
  },
];

export interface LiveServer {
  sim: KumaSim;
  app: App;
  close(): Promise<void>;
}

export interface LiveServerOptions {
  /** Reuse a running simulator (e.g. to restart only the server). */
  sim?: KumaSim;
  /** @default 0 */
  port?: number;
  webDist?: string;
  /** @default false */
  publicRead?: boolean;
}

/** The real server in front of a simulated Uptime Kuma 2.x. */
export async function startLiveServer(
  opts: LiveServerOptions = {},
): Promise<LiveServer> {
  const sim =
    opts.sim ?? (await KumaSim.start({ dialect: '2.x', monitors: MONITORS }));
  const config = await loadServerConfig({
    value: {
      server: {
        host: '127.0.0.1',
        port: opts.port ?? 0,
        logLevel: 'silent',
        refreshIntervalMs: 60_000,
        ...(opts.webDist ? { webDist: opts.webDist } : {}),
      },
      kuma: { url: sim.url, username: 'admin', password: 'Admin12345!x' },
      auth: {
        publicRead: opts.publicRead ?? false,
        tokens: [
          { token: ADMIN_TOKEN, role: 'admin', name: 'ops' },
          { token: VIEWER_TOKEN, role: 'viewer', name: 'wall' },
        ],
      },
    },
  });
  const app = await createApp({
    config,
    logger: createLogger({ level: 'silent' }),
  });
  await untilServices(app, MONITORS.length);

  return {
    sim,
    app,
    close: async () => {
      await app.close();
      if (!opts.sim) await sim.close();
    },
  };
}

/** Waits for the engine's first sync, which follows the event it awaits. */
async function untilServices(app: App, count: number): Promise<void> {
  if ((await app.engine.list()).length >= count) return;
  await new Promise<void>((resolve) => {
    const stop = app.engine.onChange(() => {
      void app.engine.list().then((list) => {
        if (list.length < count) return;
        stop();
        resolve();
      });
    });
  });
}
