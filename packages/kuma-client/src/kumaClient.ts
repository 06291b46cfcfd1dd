import type { CommandContext } from './commands';
import {
  addMonitor,
  commandContext,
  getImportantBeatsPaged,
  getMonitorBeats,
  resyncMonitors,
  simpleCommand,
} from './commands';
import type { KumaConnection } from './connection';
import type { AddMonitorInput, SupportedDialect } from './dialects';
import { endSession } from './endSession';
import { KumaClientError } from './errors';
import type { KumaClientEvents } from './events';
import { TypedEmitter } from './events';
import type {
  KumaConnectionState,
  KumaHeartbeat,
  KumaMonitor,
  MonitorStats,
} from './model';
import type { KumaClientOptions, ResolvedOptions } from './options';
import { resolveOptions } from './options';
import type { RouterEvents } from './router';
import { MonitorListWaiters } from './monitorListWaiters';
import { Reconnector } from './reconnect';
import type { Session, SessionHost } from './session';
import { establish } from './session';
import { Snapshot } from './snapshot';

/**
 * The one authenticated Socket.IO connection to Uptime Kuma (1.23, 2.x and
 * 3.0, where it signs in over HTTP and connects with the session cookie),
 * with a normalised, read-only snapshot of monitors, beats and stats.
 */
export class KumaClient extends TypedEmitter<KumaClientEvents> {
  readonly #options: ResolvedOptions;
  #state: KumaConnectionState = 'idle';
  #snapshot: Snapshot;
  #session: Session | undefined;
  #attemptConn: KumaConnection | undefined;
  #connecting: Promise<void> | undefined;
  readonly #reconnector: Reconnector;
  #jwt: string | undefined;
  // Kuma 3.0's session cookie: a secret, kept only here and never logged.
  #cookie: string | undefined;
  // Whether the client signed in to get #cookie; a given one is not ours.
  #ownsCookie = false;
  #closing: Promise<void> | undefined;
  #dialect: SupportedDialect | undefined;
  #serverVersion: string | undefined;
  readonly #monitorLists = new MonitorListWaiters();
  // Aborted by close(): stops an attempt between its steps.
  readonly #closer = new AbortController();

  constructor(options: KumaClientOptions) {
    const resolved = resolveOptions(options);
    super(() => resolved.logger);
    this.#options = resolved;
    this.#jwt = resolved.token;
    this.#cookie = resolved.sessionCookie;
    this.#snapshot = new Snapshot(resolved.maxBeatsPerMonitor);
    this.#reconnector = this.#createReconnector();
  }

  /** The connection state; `'ready'` once the initial sync is complete. */
  get state(): KumaConnectionState {
    return this.#state;
  }

  /** The server's dialect, known once connected. */
  get dialect(): SupportedDialect | undefined {
    return this.#dialect;
  }

  /** `info.version` sent after login, e.g. `2.5.3` or `3.0.0-beta.0`. */
  get serverVersion(): string | undefined {
    return this.#serverVersion;
  }

  /**
   * Connects, logs in and waits for the initial sync. Rejects with a
   * `KumaClientError` (e.g. `INVALID_CREDENTIALS`, `SYNC_TIMEOUT`) and goes
   * back to `idle`, from where `connect()` may be called again.
   */
  connect(): Promise<void> {
    if (this.#state === 'closed') return Promise.reject(closedError());
    if (this.#state === 'ready') return Promise.resolve();
    this.#connecting ??= this.#connectOnce().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  /**
   * Closes the socket, stops reconnecting and drops every listener. On
   * Kuma 3.0 it also signs out of a session the client signed in to
   * itself (never a given `sessionCookie`), waiting at most
   * `timeouts.signOut`; a failed sign-out is only logged.
   */
  close(): Promise<void> {
    if (this.#state === 'closed') return this.#closing ?? Promise.resolve();
    this.#reconnector.cancel();
    this.#closer.abort(closedError());
    this.#session?.conn.close();
    this.#attemptConn?.close();
    this.#session = undefined;
    this.#setState('closed');
    this.removeAllListeners();
    this.#closing = this.#endOwnSession();
    return this.#closing;
  }

  monitors(): readonly KumaMonitor[] {
    return this.#snapshot.monitors();
  }

  monitor(id: number): KumaMonitor | undefined {
    return this.#snapshot.monitor(id);
  }

  /** Recent beats of a monitor, oldest first, deduplicated, capped. */
  beats(id: number): readonly KumaHeartbeat[] {
    return this.#snapshot.beats(id);
  }

  latestBeat(id: number): KumaHeartbeat | undefined {
    return this.#snapshot.latestBeat(id);
  }

  stats(id: number): MonitorStats | undefined {
    return this.#snapshot.stats(id);
  }

  /** Asks Kuma for the full monitor list again and waits until it is in. */
  async resync(): Promise<void> {
    const ctx = this.#command('getMonitorList');
    await resyncMonitors(ctx, this.#monitorLists);
  }

  /** Stored beats of the last `hours` hours, oldest first. */
  async getMonitorBeats(id: number, hours: number): Promise<KumaHeartbeat[]> {
    const ctx = this.#command('getMonitorBeats');
    return getMonitorBeats(ctx, { monitorId: id, hours });
  }

  /**
   * Important beats (status changes), oldest first: pushed after login by
   * 1.23, requested page by page from 2.x and 3.0 (the newest `limit`,
   * default 100).
   */
  async getImportantBeats(
    id: number,
    opts: { limit?: number } = {},
  ): Promise<readonly KumaHeartbeat[]> {
    const ctx = this.#command('monitorImportantHeartbeatListPaged');
    const limit = Math.floor(opts.limit ?? 100);
    if (ctx.profile.importantBeats === 'pushed') {
      // slice(-0) and slice(-NaN) would keep everything.
      if (!(limit >= 1)) return [];
      return this.#snapshot.importantBeats(id).slice(-limit);
    }
    return getImportantBeatsPaged(ctx, { monitorId: id, limit });
  }

  async pauseMonitor(id: number): Promise<void> {
    const ctx = this.#command('pauseMonitor');
    return simpleCommand(ctx, { event: 'pauseMonitor', args: [id] });
  }

  async resumeMonitor(id: number): Promise<void> {
    const ctx = this.#command('resumeMonitor');
    return simpleCommand(ctx, { event: 'resumeMonitor', args: [id] });
  }

  /** Creates a monitor (for test harnesses); resolves with its id. */
  async addMonitor(input: AddMonitorInput): Promise<number> {
    return addMonitor(this.#command('add'), input);
  }

  /** Deletes a monitor (for test harnesses); a group's children stay. */
  async deleteMonitor(id: number): Promise<void> {
    const ctx = this.#command('deleteMonitor');
    const args = ctx.profile.deleteMonitorArgs(id);
    return simpleCommand(ctx, { event: 'deleteMonitor', args });
  }

  async #connectOnce(): Promise<void> {
    try {
      this.#adopt(await establish(this.#host()));
    } catch (error) {
      const failure = this.#state === 'closed' ? closedError() : error;
      if (this.#state !== 'closed') this.#setState('idle');
      throw failure;
    }
  }

  #adopt(session: Session): void {
    this.#attemptConn = undefined;
    this.#session = session;
    this.#snapshot = session.router.snapshot;
    this.#dialect = session.dialect;
    this.#jwt = session.jwt ?? this.#jwt;
    this.#reconnector.reset();
    session.router.live = true;
    this.#setState('ready');
    this.emit('monitors', this.#snapshot.monitors());
    session.conn.lost.catch((error: unknown) => this.#onLost(session, error));
  }

  #onLost(session: Session, error: unknown): void {
    if (session !== this.#session || this.#state === 'closed') return;
    this.#session = undefined;
    this.emit('error', KumaClientError.from(error, 'DISCONNECTED'));
    this.#setState('reconnecting');
    this.#reconnector.schedule();
  }

  #createReconnector(): Reconnector {
    return new Reconnector({
      retry: this.#options.retry,
      logger: this.#options.logger,
      attempt: async () => this.#adopt(await establish(this.#host())),
      isClosed: () => this.#state === 'closed',
      onRetry: (error) => {
        this.emit('error', error);
        this.#setState('reconnecting');
      },
      onGiveUp: (error) => {
        this.emit('error', error);
        void this.close();
      },
    });
  }

  #host(): SessionHost {
    return {
      options: this.#options,
      token: () => this.#jwt,
      cookie: () => this.#cookie,
      setCookie: (cookie) => {
        this.#cookie = cookie;
        this.#ownsCookie = true;
        // A sign-in that finished after close(): nobody will use it.
        if (this.#state === 'closed') void this.#endOwnSession();
      },
      setState: (state) => {
        if (this.#state !== 'closed') this.#setState(state);
      },
      attach: (conn) => {
        this.#attemptConn = conn;
      },
      closed: this.#closer.signal,
      events: this.#routerEvents(),
    };
  }

  #routerEvents(): RouterEvents {
    return {
      monitors: (monitors) => this.emit('monitors', monitors),
      heartbeat: (beat) => this.emit('heartbeat', beat),
      stats: (monitorId, stats) => this.emit('stats', monitorId, stats),
      error: (error) => this.emit('error', error),
      version: (version) => {
        this.#serverVersion = version;
      },
      monitorListArrived: () => this.#monitorLists.arrived(),
    };
  }

  #endOwnSession(): Promise<void> {
    const cookie = this.#cookie;
    if (!this.#ownsCookie || cookie === undefined) return Promise.resolve();
    this.#ownsCookie = false;
    return endSession({
      url: this.#options.url,
      cookie,
      timeoutMs: this.#options.timeouts.signOut,
      logger: this.#options.logger,
    });
  }

  /** The single place where the state changes: logs and emits. */
  #setState(to: KumaConnectionState): void {
    const from = this.#state;
    if (from === to) return;
    this.#state = to;
    this.#options.logger.info({ from, to }, `kuma-client: ${from} → ${to}`);
    this.emit('state', { from, to });
  }

  #command(event: string): CommandContext {
    return commandContext({
      event,
      session: this.#session,
      state: this.#state,
      timeoutMs: this.#options.timeouts.request,
    });
  }
}

function closedError(): KumaClientError {
  return new KumaClientError(
    'CLOSED',
    'The client was closed; create a new KumaClient to connect again.',
  );
}
