/** Error codes of `KumaSimError`. */
export const KUMA_SIM_ERROR_CODES = {
  UNKNOWN_MONITOR: 'UNKNOWN_MONITOR',
  BAD_OPTION: 'BAD_OPTION',
  CAPTURE_SHAPE: 'CAPTURE_SHAPE',
  NOT_RUNNING: 'NOT_RUNNING',
} as const;

export type KumaSimErrorCode = keyof typeof KUMA_SIM_ERROR_CODES;

/** The one error class of the simulator's programmatic API. */
export class KumaSimError extends Error {
  override readonly name = 'KumaSimError';
  readonly code: KumaSimErrorCode;

  constructor(
    code: KumaSimErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
  }

  static unknownMonitor(id: number): KumaSimError {
    return new KumaSimError(
      'UNKNOWN_MONITOR',
      `monitor ${id} does not exist; use an id from sim.monitorIds()`,
    );
  }
}
