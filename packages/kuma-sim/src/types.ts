/**
 * Wire dialect the simulator speaks. `'3.0'` signs in over HTTP and
 * authenticates the socket from the session cookie of its handshake.
 */
export type SimDialect = '1.23' | '2.x' | '3.0';

/** Kuma heartbeat status: 0 DOWN, 1 UP, 2 PENDING, 3 MAINTENANCE. */
export type SimStatus = 0 | 1 | 2 | 3;

/** A tag attached to a monitor. */
export interface SimTag {
  name: string;
  /** @default '' */
  value?: string;
  /** @default '#2563EB' */
  color?: string;
}

/** TLS certificate facts, rendered into Kuma's nested `certInfo` JSON. */
export interface SimCertInfo {
  daysRemaining: number;
  valid: boolean;
  validTo: Date;
  /** Issuer common name. */
  issuer: string;
  /** @default 'server' */
  certType?: 'server' | 'intermediate CA' | 'root CA' | 'self-signed';
}

/** One stored beat given explicitly when seeding a monitor's history. */
export interface SimHistoryBeat {
  status: SimStatus;
  time: Date;
  /** @default the status' usual message */
  msg?: string;
  /** `null` for checks that failed before a time was measured. */
  ping?: number | null;
  /** @default computed from the previous beat */
  important?: boolean;
  /** @default seconds since the previous beat */
  duration?: number;
}

/** A monitor to create (at start or through `addMonitor`). */
export interface SimMonitorInit {
  name: string;
  /** @default 'http' */
  type?: string;
  url?: string | null;
  hostname?: string | null;
  port?: number | null;
  /** Seconds between beats. @default 20 */
  interval?: number;
  /** The id of the group monitor this one belongs to. @default null */
  parent?: number | null;
  /**
   * Failed checks in a row that are PENDING before one is DOWN. @default 0
   * (the monitor table's default): a failure is DOWN at once.
   */
  maxretries?: number;
  /** @default true */
  active?: boolean;
  tags?: SimTag[];
  /** Status of the generated history. @default 1 */
  status?: SimStatus;
  /** Ping of the generated UP history beats. @default 20 */
  ping?: number;
  /** Number of generated history beats. @default 10 */
  history?: number;
  /** Explicit history, oldest first; replaces the generated one. */
  historyBeats?: SimHistoryBeat[];
  cert?: SimCertInfo;
  /** Push token of a `push` monitor. @default a random 32-char token */
  pushToken?: string;
}

/** Fields `editMonitor` may change. */
export type SimMonitorPatch = Partial<
  Pick<
    SimMonitorInit,
    | 'name'
    | 'type'
    | 'url'
    | 'hostname'
    | 'port'
    | 'interval'
    | 'parent'
    | 'tags'
  >
>;

/** A live beat to emit with `beat()`. */
export interface SimBeatInput {
  /**
   * 0 is a failed check: like Kuma, the simulator sends it as PENDING while
   * the monitor's `maxretries` are not used up, then as DOWN. Pushed (see
   * `source`), it is DOWN at once on 1.23 and 3.0, and on 2.x after
   * maintenance or DOWN.
   */
  status: SimStatus;
  /** @default the status' usual message */
  msg?: string;
  /** Omitted or `null`: no `ping` key on the live beat. */
  ping?: number | null;
  /** @default now */
  time?: Date;
  /**
   * `'push'` beats come from Kuma's push API: no `maintenanceList` precedes
   * an important one. @default 'check'
   */
  source?: 'check' | 'push';
}

/** A monitor a client has just added, as `firstCheck` sees it. */
export interface SimNewMonitor {
  id: number;
  name: string;
  type: string;
  url: string | null;
  hostname: string | null;
  port: number | null;
}

/**
 * Decides the outcome of a client-added monitor's first check: the beat
 * Kuma sends right after the `add` ack, or `null` for no beat yet (push
 * monitors wait a whole interval for their first push).
 */
export type SimFirstCheck = (monitor: SimNewMonitor) => SimBeatInput | null;

/** Options of `KumaSim.start`. */
export interface KumaSimOptions {
  /** @default '2.x' */
  dialect?: SimDialect;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 'admin' */
  username?: string;
  /** @default 'Admin12345!x' */
  password?: string;
  /** Log every socket in automatically (`autoLogin`). @default false */
  authDisabled?: boolean;
  /** Base32 TOTP secret; when set, `login` needs `token`. */
  twoFactorSecret?: string;
  /**
   * Key the login JWTs are signed with. Kuma keeps its own in the database,
   * so its tokens outlive restarts; a simulator started again with the same
   * secret accepts the tokens of the one before. @default a random key per
   * simulator, as on a fresh database
   */
  jwtSecret?: string;
  /** Password logins (and logouts) per minute, for everyone. @default 20 */
  loginRateLimit?: number;
  /** Monitors created at start, with history. @default [] */
  monitors?: SimMonitorInit[];
  /** Reported in the post-login `info.version`. @default per dialect */
  version?: string;
  /**
   * Simulated password hashing time before a `login` answers, as Kuma's
   * bcrypt takes about 200 ms. @default 0
   */
  loginDelayMs?: number;
  /** 1.23's fixed pause inside the burst. @default 500 */
  burstPauseMs?: number;
  /**
   * The server's timezone was already set (a browser answered
   * `initServerTimezone` before), so no burst ends with that question.
   * @default false
   */
  timezoneSet?: boolean;
  /**
   * 3.0: Better Auth's sign-in limit (per client address in Kuma, global
   * here). Off unless given, as on a Kuma started without
   * `NODE_ENV=production`. Real servers allow 3 per 10 s.
   */
  signInRateLimit?: { max: number; windowMs: number };
  /** 3.0: session lifetime. @default 604800000 (7 days) */
  sessionTtlMs?: number;
  /**
   * 3.0: start without a user, like a fresh install: sockets get `setup`,
   * `needSetup` answers true and sign-ins fail until `POST /api/setup`
   * creates the user (which then replaces `username` and `password`).
   * @default false
   */
  needsSetup?: boolean;
  /**
   * Start with the status page `kuma-sim`; clients can add more with
   * `addStatusPage`. @default true, false with `needsSetup`
   */
  statusPage?: boolean;
  /**
   * Outcome of the first check of a monitor a client adds through `add`.
   * @default push monitors: no beat; others: UP with a 12 ms ping
   */
  firstCheck?: SimFirstCheck;
}

/** Counters of what clients asked for. */
export interface SimCounters {
  login: number;
  loginByToken: number;
  connections: number;
  /** 3.0: `POST /api/auth/sign-in/username` requests. */
  signIn: number;
  /** 3.0: `POST /api/auth/sign-out` requests. */
  signOut: number;
}
