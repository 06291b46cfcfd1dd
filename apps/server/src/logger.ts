import {
  pino,
  type DestinationStream,
  type Logger,
  type LevelWithSilent,
} from 'pino';
import pinoPretty from 'pino-pretty';

/**
 * Paths whose values never reach the log: Kuma credentials, bearer tokens,
 * HTTP auth headers and cookies, wherever they appear in a logged object.
 */
export const REDACTED_PATHS = [
  'password',
  'token',
  'totp',
  'totpSecret',
  'secret',
  'authorization',
  'cookie',
  'connectionParams',
  '*.password',
  '*.token',
  '*.totp',
  '*.totpSecret',
  '*.secret',
  '*.authorization',
  '*.cookie',
  '*.connectionParams',
  '*.tokens',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'config.kuma.password',
  'config.kuma.token',
  'config.kuma.totpSecret',
  'config.auth.tokens',
];

export interface CreateLoggerOptions {
  /** @default 'info' */
  level?: LevelWithSilent;
  /** Where lines go. @default stdout */
  destination?: DestinationStream;
  /**
   * Human-readable lines on stdout instead of JSON, for a person watching a
   * terminal (the demo); ignored when `destination` is given.
   * @default false
   */
  pretty?: boolean;
}

/** The app's pino logger; packages receive it (or children of it). */
export function createLogger(opts: CreateLoggerOptions = {}): Logger {
  return pino(
    {
      name: 'medianest-status',
      level: opts.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    opts.destination ?? (opts.pretty ? prettyStdout() : undefined),
  );
}

// Formats in this thread: a worker-thread transport would outlive a quick
// exit and could drop the last lines of a failing start.
function prettyStdout(): DestinationStream {
  return pinoPretty({
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,name',
    sync: true,
  });
}

export type { Logger };
