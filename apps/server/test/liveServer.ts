import {
  KumaSim,
  type SimDialect,
  type SimMonitorInit,
} from '@medianest/kuma-sim';
import { loadServerConfig } from '../src/config';
import { createApp, type App } from '../src/createApp';
import { createLogger } from '../src/logger';
import { testAuth } from './harness';

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

/** Config sections merged over the defaults of `startLiveApp`. */
export interface LiveConfigExtras {
  /** More `kuma` settings, e.g. `reconnectMaxMs`. */
  kuma?: Record<string, unknown>;
  redis?: { url: string; keyPrefix?: string };
  /** Absent: every Kuma monitor is a service. */
  services?: unknown[];
  engine?: Record<string, unknown>;
}

export interface LiveAppOptions {
  /** The Kuma (usually a `KumaSim`) with the simulator's default account. */
  kumaUrl: string;
  /** @default 0 */
  port?: number;
  webDist?: string;
  /** @default false */
  publicRead?: boolean;
  /** @default 60000 */
  refreshIntervalMs?: number;
  config?: LiveConfigExtras;
}

/**
 * The real server, engine and Kuma client, with the harness's tokens.
 * Resolves once it listens; the first sync may still be under way.
 */
export async function startLiveApp(opts: LiveAppOptions): Promise<App> {
  const extras = opts.config ?? {};
  const config = await loadServerConfig({
    value: {
      server: {
        host: '127.0.0.1',
        port: opts.port ?? 0,
        logLevel: 'silent',
        refreshIntervalMs: opts.refreshIntervalMs ?? 60_000,
        ...(opts.webDist ? { webDist: opts.webDist } : {}),
      },
      kuma: {
        url: opts.kumaUrl,
        username: 'admin',
        password: 'Admin12345!x',
        ...extras.kuma,
      },
      auth: testAuth(opts.publicRead),
      ...(extras.redis ? { redis: extras.redis } : {}),
      ...(extras.services ? { services: extras.services } : {}),
      ...(extras.engine ? { engine: extras.engine } : {}),
    },
  });
  return createApp({ config, logger: createLogger({ level: 'silent' }) });
}

export interface LiveServer {
  sim: KumaSim;
  app: App;
  /** Closes the app, and the simulator unless it was passed in. */
  close(): Promise<void>;
}

export interface LiveServerOptions extends Omit<LiveAppOptions, 'kumaUrl'> {
  /** Reuse a running simulator (e.g. to restart only the server). */
  sim?: KumaSim;
  /** @default '2.x' */
  dialect?: SimDialect;
  /** @default MONITORS */
  monitors?: SimMonitorInit[];
}

/**
 * The real server in front of a simulated Uptime Kuma, resolved once every
 * service has a status (from Kuma, or from probes if Kuma is slow).
 */
export async function startLiveServer(
  opts: LiveServerOptions = {},
): Promise<LiveServer> {
  const sim =
    opts.sim ??
    (await KumaSim.start({
      dialect: opts.dialect ?? '2.x',
      monitors: opts.monitors ?? MONITORS,
    }));
  const app = await startLiveApp({ ...opts, kumaUrl: sim.url });
  const services = opts.config?.services?.length ?? sim.monitorIds().length;
  await untilServices(app, services);

  return {
    sim,
    app,
    close: async () => {
      await app.close();
      if (!opts.sim) await sim.close();
    },
  };
}

/**
 * Waits for the engine's first statuses. The listener is attached before
 * the first look, so a sync that lands in between is not missed.
 */
async function untilServices(app: App, count: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const check = () => {
      void app.engine.list().then((list) => {
        if (list.length < count) return;
        stop();
        resolve();
      });
    };
    const stop = app.engine.onChange(check);
    check();
  });
}
