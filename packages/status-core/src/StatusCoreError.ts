/**
 * Every failure status-core reports. Each code says what went wrong; the
 * message says what to change.
 */
export const STATUS_CORE_ERROR_CODES = {
  /** The services config did not validate; `issues` lists each field. */
  INVALID_CONFIG: 'INVALID_CONFIG',
  /** The config file could not be read or parsed as JSON or YAML. */
  CONFIG_UNREADABLE: 'CONFIG_UNREADABLE',
  /** The source sent a monitor, beat or stats payload that is unusable. */
  BAD_SOURCE_DATA: 'BAD_SOURCE_DATA',
  /** Redis refused or did not answer a store operation. */
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
  /** A change id passed to `readAfter` or a history cursor is malformed. */
  BAD_CHANGE_ID: 'BAD_CHANGE_ID',
  /** A health probe failed (refused, timed out, or an unusable URL). */
  PROBE_FAILED: 'PROBE_FAILED',
  /** Opening the source through `connectSource` failed. */
  SOURCE_CONNECT_FAILED: 'SOURCE_CONNECT_FAILED',
  /** The instance holding the source answered a refresh with a failure. */
  REFRESH_FAILED: 'REFRESH_FAILED',
  /** The engine was used in a way its lifecycle does not allow. */
  ENGINE_STATE: 'ENGINE_STATE',
} as const;

export type StatusCoreErrorCode =
  (typeof STATUS_CORE_ERROR_CODES)[keyof typeof STATUS_CORE_ERROR_CODES];

/** One problem found in a config, with the path of the offending field. */
export interface ConfigIssue {
  /** Like `services[2].healthUrl`; empty for the document root. */
  path: string;
  message: string;
}

export interface StatusCoreErrorOptions {
  cause?: unknown;
  issues?: ConfigIssue[];
}

/** The one error class of status-core. */
export class StatusCoreError extends Error {
  override readonly name = 'StatusCoreError';
  readonly code: StatusCoreErrorCode;
  /** Set for `INVALID_CONFIG`. */
  readonly issues: ConfigIssue[];

  constructor(
    code: StatusCoreErrorCode,
    message: string,
    opts: StatusCoreErrorOptions = {},
  ) {
    super(message, { cause: opts.cause });
    this.code = code;
    this.issues = opts.issues ?? [];
  }

  /** Wraps anything thrown into a `StatusCoreError` with `code`. */
  static from(
    error: unknown,
    code: StatusCoreErrorCode = 'ENGINE_STATE',
  ): StatusCoreError {
    if (error instanceof StatusCoreError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new StatusCoreError(code, message, { cause: error });
  }
}
