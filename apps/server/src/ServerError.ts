/** Why the server refused to start or stopped. */
export const SERVER_ERROR_CODES = {
  INVALID_CONFIG: 'INVALID_CONFIG',
  CONFIG_UNREADABLE: 'CONFIG_UNREADABLE',
  LISTEN_FAILED: 'LISTEN_FAILED',
} as const;

export type ServerErrorCode = keyof typeof SERVER_ERROR_CODES;

/** One invalid setting, named the way the operator wrote it. */
export interface SettingIssue {
  /** `PORT`, or a file path such as `auth.tokens[0].role`. */
  path: string;
  message: string;
}

export interface ServerErrorOptions {
  issues?: SettingIssue[];
  cause?: unknown;
}

/** The one error class of the server app. */
export class ServerError extends Error {
  override readonly name = 'ServerError';
  readonly code: ServerErrorCode;
  readonly issues: SettingIssue[];

  constructor(
    code: ServerErrorCode,
    message: string,
    opts: ServerErrorOptions = {},
  ) {
    super(message, { cause: opts.cause });
    this.code = code;
    this.issues = opts.issues ?? [];
  }

  /** Wraps anything thrown into a `ServerError`, keeping it as `cause`. */
  static from(error: unknown, code: ServerErrorCode = 'LISTEN_FAILED') {
    if (error instanceof ServerError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new ServerError(code, message, { cause: error });
  }
}
