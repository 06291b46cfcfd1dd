import { Secret, TOTP } from 'otpauth';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';

import type { CaptureLine, KumaSim, SimStatus } from '../src/index';
import { classifyBeats } from './beatCauses';
import type { HttpAction } from './httpReplay';
import {
  actionOf,
  CookieJar,
  isReplayedHttp,
  recordedHttpLabel,
  replayHttp,
} from './httpReplay';

/** Something a socket saw, in arrival order. */
export interface Token {
  kind: 'connect' | 'server' | 'ack' | 'disconnect' | 'http';
  event: string;
  args: unknown[];
}

/**
 * Per socket label: what the capture recorded and what the sim sent. HTTP
 * exchanges (3.0) are kept apart, under `"<label> http"`, because their
 * order relative to socket frames is not meaningful.
 */
export interface ReplayResult {
  expected: Map<string, Token[]>;
  received: Map<string, Token[]>;
}

/** Capture lines that the server side produces. */
export function toToken(line: CaptureLine): Token | undefined {
  if (line.dir === 'server' || line.dir === 'ack') {
    return { kind: line.dir, event: line.event, args: line.args };
  }
  if (line.dir !== 'marker') return undefined;
  if (line.event === 'connect')
    return { kind: 'connect', event: 'connect', args: [] };
  if (line.event === 'disconnect' && line.args[0] !== 'io client disconnect') {
    return { kind: 'disconnect', event: 'disconnect', args: line.args };
  }
  return undefined;
}

/**
 * Replays a capture's client side against the simulator: sockets connect,
 * emit and disconnect as recorded, each step once the sim has sent at least
 * as many frames as the capture shows before it. Beats Kuma took on its
 * own (its check loop, push API) are reproduced with `sim.beat()`.
 */
export async function replayCapture(opts: {
  lines: readonly CaptureLine[];
  sim: KumaSim;
  password: string;
  barrierMs?: number;
}): Promise<ReplayResult> {
  const run = new Replay(opts.sim, opts.password, opts.barrierMs ?? 2000);
  const triggers = beatTriggers(opts.lines, classifyBeats(opts.lines));
  for (const [index, line] of opts.lines.entries()) {
    const action = actionOf(line);
    if (action && isReplayedHttp(action)) {
      await run.http(line, action);
      continue;
    }
    const token = toToken(line);
    const beat = triggers.get(index);
    if (beat) {
      await run.barrier();
      run.spontaneousBeat(beat);
    } else if (!token || line.event === 'connect') {
      await run.barrier();
      run.act(line);
    }
    if (token) run.expect(line.sock, token);
  }
  await run.barrier();
  await run.settle();
  return { expected: run.expected, received: run.received };
}

/**
 * Where to inject each beat Kuma took on its own: at its `heartbeat` line,
 * or at the `maintenanceList` line that the same beat pushed just before.
 */
function beatTriggers(
  lines: readonly CaptureLine[],
  caused: Set<number>,
): Map<number, CaptureLine> {
  const triggers = new Map<number, CaptureLine>();
  lines.forEach((line, index) => {
    if (line.dir !== 'server' || line.event !== 'heartbeat') return;
    if (caused.has(index)) return;
    const important = (line.args[0] as { important?: unknown }).important;
    const before = previousOfSocket(lines, index);
    const listFirst =
      important === true && before?.line.event === 'maintenanceList';
    triggers.set(listFirst ? before.index : index, line);
  });
  return triggers;
}

function previousOfSocket(
  lines: readonly CaptureLine[],
  index: number,
): { line: CaptureLine; index: number } | undefined {
  const sock = lines[index]?.sock;
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i];
    if (line && line.sock === sock && line.dir !== 'marker') {
      return { line, index: i };
    }
  }
  return undefined;
}

class Replay {
  readonly expected = new Map<string, Token[]>();
  readonly received = new Map<string, Token[]>();
  private readonly sockets = new Map<string, Socket>();
  private readonly beaten = new Set<string>();
  private readonly waiters = new Set<() => void>();
  private totpSecret: string | undefined;
  private pushPending = false;
  private readonly jar: CookieJar;
  private readonly handshakeCookies = new Map<string, string>();

  constructor(
    private readonly sim: KumaSim,
    private readonly password: string,
    private readonly barrierMs: number,
  ) {
    this.jar = new CookieJar(password);
  }

  /** Sends a recorded request, or records the expected response. */
  async http(line: CaptureLine, action: HttpAction): Promise<void> {
    const key = `${line.sock} http`;
    if (action.kind === 'http-response') {
      const event = recordedHttpLabel(action, line);
      return this.expect(key, { kind: 'http', event, args: [] });
    }
    await this.barrier();
    const event = await replayHttp({
      baseUrl: this.sim.url,
      sock: line.sock,
      action,
      jar: this.jar,
    });
    listOf(this.received, key).push({ kind: 'http', event, args: [] });
  }

  expect(sock: string, token: Token): void {
    listOf(this.expected, sock).push(token);
  }

  /** Waits until every socket got as many tokens as expected so far. */
  async barrier(): Promise<void> {
    const done = (): boolean =>
      [...this.expected].every(
        ([sock, tokens]) => listOf(this.received, sock).length >= tokens.length,
      );
    if (done()) return;
    await new Promise<void>((resolve) => {
      // On timeout the replay goes on; the final comparison shows the gap.
      const timer = setTimeout(finish, this.barrierMs);
      const check = (): void => {
        if (done()) finish();
      };
      function finish(): void {
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      }
      const waiters = this.waiters;
      waiters.add(check);
    });
  }

  /** Lets late extra frames arrive, then closes every socket. */
  async settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const socket of this.sockets.values()) socket.close();
  }

  spontaneousBeat(line: CaptureLine): void {
    const beat = line.args[0] as Record<string, unknown>;
    const key = `${String(beat.monitorID)}|${String(beat.time)}`;
    if (this.beaten.has(key)) return;
    this.beaten.add(key);
    this.sim.beat(Number(beat.monitorID), {
      status: beat.status as SimStatus,
      msg: beat.msg as string,
      ping: 'ping' in beat ? (beat.ping as number) : null,
      source: this.pushPending ? 'push' : 'check',
    });
    this.pushPending = false;
  }

  act(line: CaptureLine): void {
    if (line.dir === 'client') return this.emit(line);
    if (line.event === 'handshake') return this.handshake(line);
    const existing = this.sockets.get(line.sock);
    if (line.event === 'connect' && !existing) return this.connect(line.sock);
    if (line.event === 'connect' && existing && !existing.active) {
      existing.io.opts.extraHeaders = this.headersOf(line.sock);
      existing.connect();
      return;
    }
    if (line.event === 'disconnect') this.sockets.get(line.sock)?.disconnect();
    if (line.event === 'action')
      this.action(line.args[0] as Record<string, unknown>);
  }

  private action(action: Record<string, unknown>): void {
    if (action.kind === 'signal') void this.sim.restart({ downMs: 300 });
    const path = typeof action.path === 'string' ? action.path : '';
    if (action.kind === 'http' && path.includes('/api/push/')) {
      this.pushPending = true;
    }
  }

  // 3.0 captures note the handshake's cookie before each connect.
  private handshake(line: CaptureLine): void {
    const recorded = line.args[0] as { requestHeaders?: { cookie?: string } };
    const cookie = recorded.requestHeaders?.cookie;
    if (cookie === undefined) this.handshakeCookies.delete(line.sock);
    else this.handshakeCookies.set(line.sock, this.jar.fill(line.sock, cookie));
  }

  private headersOf(sock: string): Record<string, string> {
    const cookie = this.handshakeCookies.get(sock);
    return cookie === undefined ? {} : { cookie };
  }

  private connect(sock: string): void {
    const socket = io(this.sim.url, {
      extraHeaders: this.headersOf(sock),
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 100,
      randomizationFactor: 0,
    });
    this.sockets.set(sock, socket);
    const push = (token: Token): void => {
      listOf(this.received, sock).push(token);
      for (const waiter of this.waiters) waiter();
    };
    socket.on('connect', () =>
      push({ kind: 'connect', event: 'connect', args: [] }),
    );
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') {
        push({ kind: 'disconnect', event: 'disconnect', args: [reason] });
      }
    });
    socket.onAny((event: string, ...args: unknown[]) => {
      push({ kind: 'server', event, args });
    });
    this.ackPush.set(sock, push);
  }

  private readonly ackPush = new Map<string, (token: Token) => void>();

  private emit(line: CaptureLine): void {
    const socket = this.sockets.get(line.sock);
    const push = this.ackPush.get(line.sock);
    if (!socket || !push) return;
    const args = line.args.map((arg) => this.substitute(arg, line.event));
    if (line.ackId === undefined) {
      socket.emit(line.event, ...args);
      return;
    }
    socket.emit(line.event, ...args, (...reply: unknown[]) => {
      if (line.event === 'prepare2FA') this.learnSecret(reply[0]);
      push({ kind: 'ack', event: line.event, args: reply });
    });
  }

  private learnSecret(reply: unknown): void {
    const uri = (reply as { uri?: string } | undefined)?.uri ?? '';
    this.totpSecret = new URL(uri).searchParams.get('secret') ?? undefined;
  }

  private substitute(value: unknown, event: string): unknown {
    if (typeof value === 'string') return this.substituteText(value, event);
    if (Array.isArray(value))
      return value.map((v) => this.substitute(v, event));
    if (value && typeof value === 'object') {
      const entries = Object.entries(value).map(([k, v]) => [
        k,
        this.substitute(v, event),
      ]);
      return Object.fromEntries(entries);
    }
    return value;
  }

  // Recorded TOTP codes have expired: a valid-looking one becomes a fresh
  // code for the secret the sim handed out; "000000" stays invalid.
  private substituteText(text: string, event: string): string {
    if (/^\d{6}$/.test(text) && text !== '000000' && this.totpSecret) {
      const totp = new TOTP({ secret: Secret.fromBase32(this.totpSecret) });
      return totp.generate();
    }
    void event;
    return text
      .replaceAll('<password>', this.password)
      .replaceAll('<jwt>', this.sim.jwt);
  }
}

function listOf<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}
