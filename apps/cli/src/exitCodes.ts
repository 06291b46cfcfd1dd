/** Process exit codes, from BSD sysexits so scripts can tell them apart. */
export const EXIT = {
  ok: 0,
  usage: 64,
  /** The server did not answer (wrong URL, not running, network). */
  unreachable: 69,
  /** Unexpected failure of the server or of this program. */
  software: 70,
  /** The server refused the token, or needs one. */
  refused: 77,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
