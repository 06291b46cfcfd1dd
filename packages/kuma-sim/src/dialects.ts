import type { CaptureDialectDir } from './captures';
import type { SimDialect } from './types';

/** Everything that differs between the wire dialects, in one place. */
export interface DialectSpec {
  name: SimDialect;
  /** Capture folder the templates come from. */
  captureDir: CaptureDialectDir;
  defaultVersion: string;
  /** 2.x announces `loginRequired` after `info`; 1.23 stays silent. */
  sendsLoginRequired: boolean;
  /** 2.x acks a login after the burst; 1.23 before it. */
  ackAfterBurst: boolean;
  uptimePeriods: readonly (number | string)[];
  /** 2.x pushes `updateMonitorIntoList`; 1.23 the full `monitorList`. */
  incrementalListUpdates: boolean;
  /** 1.23 pushes `importantHeartbeatList`; 2.x answers paged requests. */
  pushesImportantList: boolean;
  /** 2.x sends `maintenanceList` before an important beat, 1.23 after. */
  maintenanceListBeforeBeat: boolean;
  /** i18n keys with `msgi18n` (2.x) or English sentences (1.23). */
  i18nMessages: boolean;
  /** `getMonitor` answers `path:[null], pathName:""` (2.x preload quirk). */
  getMonitorPathQuirk: boolean;
  /** Minimum monitor interval in seconds for `add`. */
  minInterval: number;
  /**
   * 2.x retries a `down` sent to the push API by `maxretries`; 1.23 stores
   * it as sent, and 3.0 as DOWN with `retries` 0.
   */
  retriesPushedDown: boolean;
  /**
   * 3.0: no socket `login`; the handshake's session cookie decides, and
   * `session` (or `loginRequired`) is sent on connect.
   */
  cookieAuth: boolean;
  /** Capture the wire templates are read from. */
  templateScenario: string;
}

const v2: DialectSpec = {
  name: '2.x',
  captureDir: '2.5.3',
  defaultVersion: '2.5.3',
  sendsLoginRequired: true,
  ackAfterBurst: true,
  uptimePeriods: [24, 720, '1y'],
  incrementalListUpdates: true,
  pushesImportantList: false,
  maintenanceListBeforeBeat: true,
  i18nMessages: true,
  getMonitorPathQuirk: true,
  minInterval: 1,
  retriesPushedDown: true,
  cookieAuth: false,
  templateScenario: 'login-password',
};

const v123: DialectSpec = {
  name: '1.23',
  captureDir: '1.23.16',
  defaultVersion: '1.23.16',
  sendsLoginRequired: false,
  ackAfterBurst: false,
  uptimePeriods: [24, 720],
  incrementalListUpdates: false,
  pushesImportantList: true,
  maintenanceListBeforeBeat: false,
  i18nMessages: false,
  getMonitorPathQuirk: false,
  minInterval: 20,
  retriesPushedDown: false,
  cookieAuth: false,
  templateScenario: 'login-password',
};

// The 3.0 beta: 2.x data events, HTTP sign-in (Better Auth), cookie socket.
const v30: DialectSpec = {
  ...v2,
  name: '3.0',
  captureDir: '3.0',
  defaultVersion: '3.0.0-beta.0',
  sendsLoginRequired: true,
  retriesPushedDown: false,
  cookieAuth: true,
  templateScenario: 'login-cookie',
};

const specs: Record<SimDialect, DialectSpec> = {
  '2.x': v2,
  '1.23': v123,
  '3.0': v30,
};

/** The spec of a dialect. */
export function dialectSpec(dialect: SimDialect): DialectSpec {
  return specs[dialect];
}
