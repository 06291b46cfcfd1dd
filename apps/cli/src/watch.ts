import { WebSocket } from 'ws';
import {
  createStatusClient,
  type ConnectionState,
  type StatusClient,
} from '@medianest/status-client';
import { CLEAR_SCREEN } from './ansi';
import { describeFailure, type Failure } from './describeFailure';
import { EXIT, type ExitCode } from './exitCodes';
import { renderScreen } from './renderScreen';
import type { TableStatus } from './types';

export interface WatchOptions {
  url: string;
  token?: string | undefined;
  out: NodeJS.WriteStream;
  err: NodeJS.WritableStream;
  /** Aborting it ends the watch cleanly (Ctrl-C). */
  signal: AbortSignal;
}

/** Redraws relative times while nothing changes (terminals only). */
const TICK_MS = 5000;

/**
 * Shows the live table until `signal` aborts or the server refuses us.
 * Resolves with the process exit code.
 */
export async function watch(opts: WatchOptions): Promise<ExitCode> {
  const client = createStatusClient({
    url: opts.url,
    ...(opts.token ? { token: opts.token } : {}),
    // Node 20 has no global WebSocket.
    WebSocket,
  });
  try {
    return await run(client, opts);
  } finally {
    await client.close();
  }
}

async function run(client: StatusClient, opts: WatchOptions) {
  const statuses = new Map<string, TableStatus>();
  // An HTTP query first: it fails fast with a clear reason, where the
  // WebSocket would keep retrying an unreachable or refusing server.
  try {
    for (const status of await client.status.list.query()) {
      statuses.set(status.service, status);
    }
  } catch (error) {
    return fail(opts, describeFailure(error, opts.url));
  }

  const draw = createDrawer({ opts, statuses, client });
  let finish: (code: ExitCode) => void = () => undefined;
  const ended = new Promise<ExitCode>((resolve) => (finish = resolve));

  const subscription = client.status.onChange.subscribe(undefined, {
    onData: ({ data }) => {
      statuses.set(data.service, data);
      draw();
    },
    onError: (error) => finish(fail(opts, describeFailure(error, opts.url))),
  });
  const stopState = client.connectionState.subscribe(() => draw());
  const ticker = opts.out.isTTY ? setInterval(draw, TICK_MS) : undefined;
  opts.signal.addEventListener('abort', () => finish(EXIT.ok), { once: true });
  if (opts.signal.aborted) finish(EXIT.ok);

  const code = await ended;
  subscription.unsubscribe();
  stopState();
  clearInterval(ticker);
  return code;
}

interface DrawerInput {
  opts: WatchOptions;
  statuses: Map<string, TableStatus>;
  client: StatusClient;
}

function createDrawer({ opts, statuses, client }: DrawerInput) {
  const tty = opts.out.isTTY;
  return () => {
    const screen = renderScreen({
      url: opts.url,
      statuses: [...statuses.values()],
      connection: client.connectionState.get() satisfies ConnectionState,
      width: opts.out.columns || 100,
      color: tty && opts.out.hasColors(),
      now: Date.now(),
    });
    // A pipe gets one screen after another instead of escape codes.
    opts.out.write(tty ? CLEAR_SCREEN + screen + '\n' : screen + '\n\n');
  };
}

function fail(opts: WatchOptions, failure: Failure): ExitCode {
  opts.err.write(`${failure.message}\n`);
  return failure.code;
}
