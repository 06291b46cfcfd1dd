/** Messages between the bench runner and its child processes. */
export type ToServer =
  | { cmd: 'heap' }
  | { cmd: 'snapshot'; file: string }
  | { cmd: 'cpuStart' }
  | { cmd: 'cpuStop' }
  | { cmd: 'broadcast'; rate: number; from: number; count: number };

export type FromServer =
  | { type: 'ready'; wsUrl: string; httpUrl: string; token: string }
  | { type: 'heap'; heapUsed: number }
  | { type: 'snapshot'; file: string }
  | { type: 'cpu'; micros: number }
  | { type: 'sent'; seq: number; id: string; t0: number; t1: number };

export type FromClients =
  | { type: 'ready'; connected: number }
  | { type: 'delivered'; id: string; t: number }
  | { type: 'first'; id: string; t: number }
  | { type: 'cpu'; micros: number }
  | { type: 'failed'; message: string };

export interface FromLoad {
  type: 'done';
  requests: number;
  errors: number;
  p99Ms: number;
  bodyBytes: number;
  /** sha256 of the last response body, to compare servers' answers. */
  bodyHash: string;
}

/** A monotonic clock in ns that every process on the machine shares. */
export function nowNs(): number {
  return Number(process.hrtime.bigint());
}

/** Sends to the parent; throws if not started with an IPC channel. */
export function toParent(message: unknown) {
  if (!process.send) throw new Error('run this through pnpm bench');
  process.send(message);
}
