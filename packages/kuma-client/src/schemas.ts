import { z } from 'zod';

/*
 * Wire shapes of what Uptime Kuma 1.23 and 2.x send, as seen in
 * `packages/kuma-sim/captures/`. Objects strip unknown keys instead of
 * failing: Kuma adds monitor fields in almost every release.
 */

/** Ids are strings inside the post-login burst and numbers afterwards. */
export const wireId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)])
  .transform(Number);

const KUMA_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z?$/;

/**
 * `YYYY-MM-DD HH:mm:ss.SSS` without a zone marker, always UTC (MariaDB drops
 * the milliseconds).
 */
export const wireTime = z
  .string()
  .regex(KUMA_TIME, 'expected a time like 2026-12-03 16:19:19.705')
  .transform((text) => parseKumaTime(text));

export function parseKumaTime(text: string): Date {
  const parts = KUMA_TIME.exec(text);
  if (!parts) return new Date(Number.NaN);
  const [, year, month, day, hour, minute, second, fraction = '0'] = parts;
  const millis = Math.floor(Number(`0.${fraction}`) * 1000);
  return new Date(
    Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hour),
      Number(minute),
      Number(second),
      millis,
    ),
  );
}

export const wireStatus = z.union([
  z.literal(0),
  z.literal(1),
  z.literal(2),
  z.literal(3),
]);

/** Live beats say true/false, DB rows 0/1. */
const wireFlag = z.union([z.boolean(), z.literal(0), z.literal(1)]);

const wireTag = z.object({
  tag_id: wireId,
  name: z.string(),
  value: z.string().nullish(),
  color: z.string().nullish(),
});

export const wireMonitor = z.object({
  id: wireId,
  name: z.string(),
  description: z.string().nullish(),
  type: z.string(),
  active: wireFlag,
  url: z.string().nullish(),
  hostname: z.string().nullish(),
  port: z.union([z.number(), z.string()]).nullish(),
  interval: z.number(),
  retryInterval: z.number().nullish(),
  maxretries: z.number().nullish(),
  parent: wireId.nullish(),
  pathName: z.string().nullish(),
  tags: z.array(wireTag).nullish(),
  maintenance: z.boolean().nullish(),
});
export type WireMonitor = z.output<typeof wireMonitor>;

/** `monitorList` and `updateMonitorIntoList`: an object keyed by id. */
export const wireMonitorMap = z.record(z.string(), wireMonitor);

/** A beat's fields but its monitor id, named differently by the two shapes. */
const wireBeatFields = {
  status: wireStatus,
  time: wireTime,
  msg: z.string().nullish(),
  ping: z.number().nullish(),
  important: wireFlag,
  duration: z.number().nullish(),
  retries: z.number().nullish(),
};

/** The live `heartbeat` event (`Heartbeat.toJSON()`). */
export const wireHeartbeat = z.object({
  monitorID: wireId,
  ...wireBeatFields,
});
export type WireHeartbeat = z.output<typeof wireHeartbeat>;

/** `heartbeatList` and `getMonitorBeats` rows: raw DB rows. */
export const wireHeartbeatRow = z.object({
  monitor_id: wireId,
  ...wireBeatFields,
});
export type WireHeartbeatRow = z.output<typeof wireHeartbeatRow>;

export const heartbeatListArgs = z.tuple(
  [wireId, z.array(wireHeartbeatRow)],
  z.unknown(),
);

/** 1.23 push (and 2.x paged request): `toJSON()` rows, newest first. */
export const importantHeartbeatListArgs = z.tuple(
  [wireId, z.array(wireHeartbeat)],
  z.unknown(),
);

export const avgPingArgs = z.tuple([wireId, z.number().nullable()]);

export const uptimeArgs = z.tuple([
  wireId,
  z.union([z.number(), z.string()]),
  z.number(),
]);

export const certInfoArgs = z.tuple([wireId, z.string()]);

const issuerPart = z.union([z.string(), z.array(z.string())]);

/** What `certInfo`'s JSON string holds once parsed. */
export const wireCertInfo = z.object({
  valid: z.boolean(),
  hostnameMatchMonitorUrl: z.boolean().nullish(),
  certInfo: z
    .object({
      validTo: z.string().nullish(),
      daysRemaining: z.number().nullish(),
      certType: z.string().nullish(),
      issuer: z
        .object({ O: issuerPart.nullish(), CN: issuerPart.nullish() })
        .nullish(),
    })
    .nullish(),
});
export type WireCertInfo = z.output<typeof wireCertInfo>;

export const deleteMonitorArgs = z.tuple([wireId], z.unknown());

export const wireInfo = z.object({
  version: z.string().nullish(),
  serverTimezone: z.string().nullish(),
  primaryBaseURL: z.string().nullish(),
});

/** Acks of `login` / `loginByToken`; `{tokenRequired:true}` has no `ok`. */
export const loginAck = z.object({
  ok: z.boolean().optional(),
  tokenRequired: z.boolean().optional(),
  token: z.string().optional(),
  msg: z.string().nullish(),
});
export type LoginAck = z.output<typeof loginAck>;

/** The common `{ok, msg}` ack of every other request. */
export const basicAck = z.object({
  ok: z.boolean(),
  msg: z.string().nullish(),
});

export const monitorBeatsAck = basicAck.extend({
  data: z.array(wireHeartbeatRow).nullish(),
});

export const importantBeatsAck = basicAck.extend({
  data: z.array(wireHeartbeat).nullish(),
});

export const addMonitorAck = basicAck.extend({
  monitorID: wireId.nullish(),
});
