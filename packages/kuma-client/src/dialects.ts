import type { KumaDialect, UptimeWindow } from './model';

/** The monitor fields a test harness sets; the rest get portable defaults. */
export interface AddMonitorInput {
  name: string;
  /** @default 'http' */
  type?: string;
  url?: string;
  hostname?: string;
  port?: number;
  /** Seconds; 1.23 refuses less than 20. @default 20 */
  interval?: number;
  /** False creates the monitor paused. @default true */
  active?: boolean;
  /** Any further monitor columns, sent as they are. */
  extra?: Record<string, unknown>;
}

/**
 * What differs between protocol dialects once the socket is logged in. How
 * a dialect authenticates lives in `session.ts` (socket login) and
 * `cookieSession.ts` (3.0 HTTP sign-in).
 */
export interface DialectProfile {
  readonly name: KumaDialect;
  /** The login ack (or `autoLogin`) arrives after the whole burst. 3.0
   * sends no ack: the burst ends when every monitor is complete. */
  readonly ackEndsBurst: boolean;
  /** The uptime windows pushed per monitor. */
  readonly uptimeWindows: readonly UptimeWindow[];
  /** Important-beat history: pushed after login, or asked for page by page. */
  readonly importantBeats: 'pushed' | 'paged';
  deleteMonitorArgs(id: number): unknown[];
  addMonitorPayload(input: AddMonitorInput): Record<string, unknown>;
}

function portableMonitor(input: AddMonitorInput): Record<string, unknown> {
  return {
    type: input.type ?? 'http',
    name: input.name,
    url: input.url ?? 'http://127.0.0.1/',
    hostname: input.hostname ?? null,
    port: input.port ?? null,
    method: 'GET',
    interval: input.interval ?? 20,
    retryInterval: input.interval ?? 20,
    resendInterval: 0,
    maxretries: 0,
    timeout: 16,
    active: input.active ?? true,
    notificationIDList: {},
    ignoreTls: false,
    upsideDown: false,
    maxredirects: 10,
    accepted_statuscodes: ['200-299'],
    kafkaProducerBrokers: [],
    kafkaProducerSaslOptions: { mechanism: 'None' },
    ...input.extra,
  };
}

const DIALECT_1_23: DialectProfile = {
  name: '1.23',
  ackEndsBurst: false,
  uptimeWindows: ['24h', '30d'],
  importantBeats: 'pushed',
  deleteMonitorArgs: (id) => [id],
  addMonitorPayload: portableMonitor,
};

const DIALECT_2_X: DialectProfile = {
  name: '2.x',
  ackEndsBurst: true,
  uptimeWindows: ['24h', '30d', '1y'],
  importantBeats: 'paged',
  // 2.1.0+ takes (id, deleteChildren, cb); older 2.x ignore the flag.
  deleteMonitorArgs: (id) => [id, false],
  // 2.x stores `conditions` in a NOT NULL column; 1.23 has no such column.
  addMonitorPayload: (input) => ({ conditions: [], ...portableMonitor(input) }),
};

// 3.0 keeps 2.x's data events; only authentication changed.
const DIALECT_3_0: DialectProfile = {
  ...DIALECT_2_X,
  name: '3.0',
  ackEndsBurst: false,
};

export const DIALECTS = {
  '1.23': DIALECT_1_23,
  '2.x': DIALECT_2_X,
  '3.0': DIALECT_3_0,
} as const satisfies Record<KumaDialect, DialectProfile>;

export type SupportedDialect = keyof typeof DIALECTS;

/** The dialect of a post-login `info.version` such as `2.5.3`. */
export function dialectOfVersion(version: string): SupportedDialect {
  const major = Number.parseInt(version, 10);
  if (major === 1) return '1.23';
  return major >= 3 ? '3.0' : '2.x';
}
