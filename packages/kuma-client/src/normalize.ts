import type {
  CertInfo,
  KumaHeartbeat,
  KumaMonitor,
  KumaTag,
  UptimeWindow,
} from './model';
import type {
  WireCertInfo,
  WireHeartbeat,
  WireHeartbeatRow,
  WireMonitor,
} from './schemas';

/*
 * Pure conversions from parsed wire shapes (schemas.ts) to the model. They
 * never throw: the schemas already rejected what cannot be converted.
 */

export function normalizeMonitor(wire: WireMonitor): KumaMonitor {
  return {
    id: wire.id,
    name: wire.name,
    description: wire.description ?? null,
    type: wire.type,
    active: Boolean(wire.active),
    url: wire.url ?? null,
    hostname: wire.hostname ?? null,
    port: normalizePort(wire.port),
    interval: wire.interval,
    retryInterval: wire.retryInterval ?? wire.interval,
    maxretries: wire.maxretries ?? 0,
    parent: wire.parent ?? null,
    pathName: wire.pathName ?? wire.name,
    tags: (wire.tags ?? []).map(normalizeTag),
    maintenance: wire.maintenance ?? false,
  };
}

function normalizePort(port: number | string | null | undefined) {
  if (port === null || port === undefined || port === '') return null;
  const value = Number(port);
  return Number.isFinite(value) ? value : null;
}

function normalizeTag(tag: NonNullable<WireMonitor['tags']>[number]): KumaTag {
  return {
    tagId: tag.tag_id,
    name: tag.name,
    value: tag.value ?? '',
    color: tag.color ?? '',
  };
}

/** `monitorList` / `updateMonitorIntoList` maps, ordered by id. */
export function normalizeMonitorMap(
  map: Record<string, WireMonitor>,
): KumaMonitor[] {
  return Object.values(map)
    .map(normalizeMonitor)
    .sort((a, b) => a.id - b.id);
}

/** A live `heartbeat` or a `toJSON()` row of an important-beat list. */
export function normalizeHeartbeat(wire: WireHeartbeat): KumaHeartbeat {
  return withOptionals(
    {
      monitorId: wire.monitorID,
      status: wire.status,
      time: wire.time,
      msg: wire.msg ?? '',
      ping: wire.ping ?? null,
      important: Boolean(wire.important),
    },
    wire,
  );
}

/** A `heartbeatList` / `getMonitorBeats` DB row. */
export function normalizeHeartbeatRow(row: WireHeartbeatRow): KumaHeartbeat {
  const { monitor_id: monitorID, ...beat } = row;
  return normalizeHeartbeat({ monitorID, ...beat });
}

function withOptionals(
  beat: KumaHeartbeat,
  wire: { duration?: number | null; retries?: number | null },
): KumaHeartbeat {
  if (typeof wire.duration === 'number') beat.duration = wire.duration;
  if (typeof wire.retries === 'number') beat.retries = wire.retries;
  return beat;
}

const UPTIME_WINDOWS: Record<string, UptimeWindow> = {
  '24': '24h',
  '720': '30d',
  '1y': '1y',
};

/** `uptime`'s period: 24 and 720 are numbers, `'1y'` a string (2.x). */
export function normalizeUptimeWindow(
  period: number | string,
): UptimeWindow | undefined {
  return UPTIME_WINDOWS[String(period)];
}

/** The parsed JSON string of `certInfo`; dates and days under `.certInfo`. */
export function normalizeCertInfo(wire: WireCertInfo): CertInfo {
  const inner = wire.certInfo ?? undefined;
  const cert: CertInfo = {
    valid: wire.valid,
    daysRemaining: inner?.daysRemaining ?? null,
    validTo: parseValidTo(inner?.validTo),
    issuer: issuerName(inner?.issuer),
    certType: inner?.certType ?? null,
  };
  if (typeof wire.hostnameMatchMonitorUrl === 'boolean') {
    cert.hostnameMatch = wire.hostnameMatchMonitorUrl;
  }
  return cert;
}

function parseValidTo(text: string | null | undefined): Date | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

type IssuerPart = string | string[] | null | undefined;

function issuerName(
  issuer: { O?: IssuerPart; CN?: IssuerPart } | null | undefined,
): string | null {
  const part = issuer?.O ?? issuer?.CN;
  if (part === null || part === undefined) return null;
  return Array.isArray(part) ? part.join(', ') : part;
}
