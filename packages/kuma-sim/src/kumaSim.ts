import { randomBytes } from 'node:crypto';

import { issueJwt } from './auth';
import { onConnection } from './connection';
import { dialectSpec } from './dialects';
import { KumaSimError } from './errors';
import { MaintenanceStore } from './maintenanceStore';
import * as ops from './monitorOps';
import { MonitorStore } from './monitorStore';
import { emitBeat } from './pushes';
import { WindowLimiter } from './httpKit';
import { RateLimiter } from './rateLimiter';
import { SimServer } from './server';
import { SessionStore } from './sessionStore';
import { StatusPageStore } from './statusPageStore';
import { handleHttp } from './simHttp';
import { sleep, userRoom } from './simContext';
import type { SimContext } from './simContext';
import { setAuthDisabled } from './settingsHandlers';
import type {
  KumaSimOptions,
  SimBeatInput,
  SimCertInfo,
  SimCounters,
  SimMonitorInit,
  SimMonitorPatch,
  SimNewMonitor,
} from './types';

/**
 * An Uptime Kuma server (1.23, 2.x or 3.0 wire dialect) on 127.0.0.1 for tests,
 * demos and benchmarks. Live beats happen only through `beat()` (and when a
 * client resumes or adds a monitor, as Kuma checks those at once).
 */
export class KumaSim {
  private constructor(
    private readonly ctx: SimContext,
    private readonly server: SimServer,
  ) {}

  /** Starts a simulator and resolves once it listens. */
  static async start(options: KumaSimOptions = {}): Promise<KumaSim> {
    const ctx = createContext(options);
    const server = new SimServer(options.host ?? '127.0.0.1');
    ctx.io = server.io;
    server.io.on('connection', (socket) => onConnection(ctx, socket));
    server.onRequest = (req, res) => handleHttp(ctx, { req, res });
    for (const init of options.monitors ?? []) ops.createMonitor(ctx, init);
    await server.listen(options.port ?? 0);
    return new KumaSim(ctx, server);
  }

  /** Base URL, `http://127.0.0.1:<port>`. */
  get url(): string {
    return `http://${this.server.host}:${this.server.port}`;
  }

  /** The bound port (stable across restarts). */
  get port(): number {
    return this.server.port;
  }

  /**
   * A JWT that `loginByToken` accepts until the password changes, also on
   * a later simulator started with the same `jwtSecret`.
   */
  get jwt(): string {
    return issueJwt(this.ctx.auth, this.ctx.startedAt);
  }

  /**
   * How often clients logged in (socket password, token; 3.0 HTTP sign-in
   * and sign-out) and connected.
   */
  get counters(): Readonly<SimCounters> {
    return { ...this.ctx.counters };
  }

  /** The dialect spoken. */
  get dialect(): KumaSimOptions['dialect'] {
    return this.ctx.spec.name;
  }

  /** Ids of the current monitors, ascending. */
  monitorIds(): number[] {
    return this.ctx.store.ids();
  }

  /** When the monitor's newest stored beat (seeded or live) happened. */
  lastBeatTime(id: number): Date | undefined {
    return this.ctx.store.get(id).beats.at(-1)?.time;
  }

  /** Adds a monitor with generated history; no live beat. */
  addMonitor(init: SimMonitorInit): number {
    return ops.addMonitor(this.ctx, init).id;
  }

  editMonitor(id: number, patch: SimMonitorPatch): void {
    ops.editMonitor(this.ctx, { monitor: this.ctx.store.get(id), patch });
  }

  pauseMonitor(id: number): void {
    ops.pauseMonitor(this.ctx, this.ctx.store.get(id));
  }

  /** Resumes a monitor; like Kuma, it beats at once. */
  resumeMonitor(id: number): void {
    ops.resumeMonitor(this.ctx, this.ctx.store.get(id));
  }

  deleteMonitor(id: number): void {
    const monitor = this.ctx.store.get(id);
    ops.deleteMonitor(this.ctx, { monitor, sentId: id });
  }

  /**
   * Emits a live `heartbeat` with its stats. Paused monitors are silent in
   * Kuma, so beating one throws.
   */
  beat(id: number, input: SimBeatInput): Record<string, unknown> {
    const monitor = this.ctx.store.get(id);
    if (!monitor.active) {
      throw new KumaSimError(
        'BAD_OPTION',
        `monitor ${id} is paused; call resumeMonitor(${id}) before beat()`,
      );
    }
    return emitBeat(this.ctx, { monitor, input });
  }

  /** Sets (or clears) TLS info; sent with the next stats. */
  setCertInfo(id: number, cert: SimCertInfo | undefined): void {
    this.ctx.store.get(id).cert = cert;
  }

  /** While on, the monitor's beats are status 3 "Monitor under maintenance". */
  setMaintenance(id: number, on: boolean): void {
    ops.setMaintenance(this.ctx, { monitor: this.ctx.store.get(id), on });
  }

  /**
   * 3.0: ends every session at once, as if its lifetime had passed. Open
   * sockets stay authenticated (Kuma checks the cookie only at connect);
   * the next handshake with an old cookie gets `loginRequired`.
   */
  expireSessions(): void {
    this.ctx.sessions.expireAll();
  }

  /**
   * 3.0: the cookie values of the sessions alive now, oldest first, so that
   * a test can see which sessions a client left behind or ended.
   */
  sessionCookies(): string[] {
    return this.ctx.sessions.liveCookies();
  }

  /** Turns 2FA on: `login` then needs a TOTP `token` for this secret. */
  enableTwoFactor(secret: string): void {
    this.ctx.auth.twoFactorSecret = secret;
  }

  disableTwoFactor(): void {
    this.ctx.auth.twoFactorSecret = undefined;
  }

  /** Turning auth back on disconnects logged-in sockets after `refresh`. */
  setAuthDisabled(disabled: boolean): void {
    setAuthDisabled(this.ctx, { on: !disabled });
  }

  /** Pushes a raw event to every logged-in socket, bypassing the model. */
  injectMalformed(event: string, args: unknown[]): void {
    userRoom(this.ctx).emit(event, ...args);
  }

  /**
   * false: requests are received but never answered (client timeouts):
   * socket requests, and 3.0's `/api/auth/*` and `/api/setup`.
   */
  setResponding(responding: boolean): void {
    this.ctx.responding = responding;
  }

  /**
   * Drops every socket (clients see "transport close"), keeps all data.
   * With `downMs` the port stays closed that long, then reopens.
   */
  async restart(opts: { downMs?: number } = {}): Promise<void> {
    const downMs = opts.downMs ?? 0;
    if (downMs <= 0) return this.server.dropConnections();
    await this.server.stopListening();
    await sleep(this.ctx, downMs);
    await this.server.listen(this.server.port);
  }

  /** Stops everything; the simulator cannot be restarted afterwards. */
  async close(): Promise<void> {
    for (const timer of this.ctx.timers) clearTimeout(timer);
    this.ctx.timers.clear();
    this.ctx.io = undefined;
    await this.server.close();
  }
}

function createContext(options: KumaSimOptions): SimContext {
  const spec = dialectSpec(options.dialect ?? '2.x');
  const perMinute = options.loginRateLimit ?? 20;
  return {
    spec,
    version: options.version ?? spec.defaultVersion,
    burstPauseMs: options.burstPauseMs ?? 500,
    loginDelayMs: options.loginDelayMs ?? 0,
    startedAt: new Date(),
    store: new MonitorStore(),
    maintenance: new MaintenanceStore(),
    statusPages: initialStatusPages(options),
    firstCheck: options.firstCheck ?? defaultFirstCheck,
    loginLimiter: new RateLimiter(perMinute),
    twoFaLimiter: new RateLimiter(30),
    signInLimiter: options.signInRateLimit
      ? new WindowLimiter(options.signInRateLimit)
      : undefined,
    sessions: new SessionStore(options.sessionTtlMs ?? 7 * 24 * 3_600_000),
    auth: {
      username: options.username ?? 'admin',
      password: options.password ?? 'Admin12345!x',
      authDisabled: options.authDisabled ?? false,
      twoFactorSecret: options.twoFactorSecret,
      pendingSecret: undefined,
      lastTotp: undefined,
      jwtSecret: jwtSecretOf(options),
      userId: randomBytes(24).toString('base64url').slice(0, 32),
      needsSetup: options.needsSetup ?? false,
    },
    counters: {
      login: 0,
      loginByToken: 0,
      connections: 0,
      signIn: 0,
      signOut: 0,
    },
    responding: true,
    timezoneSet: options.timezoneSet ?? false,
    io: undefined,
    timers: new Set(),
  };
}

function jwtSecretOf(options: KumaSimOptions): string {
  const secret = options.jwtSecret ?? randomBytes(32).toString('hex');
  if (secret === '') {
    throw new KumaSimError(
      'BAD_OPTION',
      'jwtSecret is empty; leave it out for a random one',
    );
  }
  return secret;
}

function initialStatusPages(options: KumaSimOptions): StatusPageStore {
  const store = new StatusPageStore();
  const fresh = options.needsSetup ?? false;
  if (options.statusPage ?? !fresh) {
    store.add({ slug: 'kuma-sim', title: 'Kuma Sim' });
  }
  return store;
}

// Kuma checks a new monitor at once; a push monitor has nothing to check
// until its interval has passed without a push.
function defaultFirstCheck(monitor: SimNewMonitor): SimBeatInput | null {
  return monitor.type === 'push' ? null : { status: 1, ping: 12 };
}
