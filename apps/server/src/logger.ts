import {
  pino,
  type DestinationStream,
  type Logger,
  type LevelWithSilent,
} from 'pino';

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
}

/** The app's pino logger; packages receive it (or children of it). */
export function createLogger(opts: CreateLoggerOptions = {}): Logger {
  return pino(
    {
      name: 'medianest-status',
      level: opts.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    opts.destination,
  );
}

export type { Logger };
