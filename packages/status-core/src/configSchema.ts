import { z } from 'zod';

/** Picks monitors for a service: by id, by exact name, or by tag. */
export const monitorSelectorSchema = z.union(
  [
    z.strictObject({ monitorId: z.int().positive() }),
    z.strictObject({ monitorName: z.string().min(1) }),
    z.strictObject({ tag: z.string().min(1), value: z.string().optional() }),
  ],
  {
    error:
      'a selector is { monitorId: number }, { monitorName: string } ' +
      'or { tag: string, value?: string }',
  },
);

/** How a service with several monitors combines them. */
export const aggregationSchema = z.union(
  [z.literal('worst'), z.strictObject({ quorum: z.int().positive() })],
  { error: "aggregation is 'worst' or { quorum: n } with n >= 1" },
);

export const serviceConfigSchema = z.strictObject({
  /** Stable id used in the API and the change feed. */
  id: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]*$/,
      'use lower-case letters, digits and dashes, e.g. "plex"',
    ),
  displayName: z.string().min(1),
  monitors: z.array(monitorSelectorSchema).min(1, 'name at least one monitor'),
  /** Probed while Kuma is unreachable; http or https only. */
  healthUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** A response time above this (ms) makes the service `degraded`. */
  degradedAboveMs: z.int().positive().optional(),
  /** @default 'worst' */
  aggregation: aggregationSchema.default('worst'),
});

export const engineSettingsSchema = z.strictObject({
  /** A beat older than `interval × stalenessFactor` counts as stale. @default 2.5 */
  stalenessFactor: z.number().min(1).default(2.5),
  /** @default 30000 */
  probeIntervalMs: z.int().min(100).default(30_000),
  /** @default 5000 */
  probeTimeoutMs: z.int().min(10).default(5_000),
  /** How many probes may run at once. @default 4 */
  probeConcurrency: z.int().min(1).max(64).default(4),
  /** A probe slower than this (ms) is `degraded` when the service sets no threshold. @default 2000 */
  probeSlowMs: z.int().positive().default(2_000),
  /** How long the source may take to become ready before probing starts. @default 15000 */
  gracePeriodMs: z.int().min(0).default(15_000),
  /** Changes kept in the feed (approximate with Redis). @default 1000 */
  historySize: z.int().min(10).default(1_000),
  /** @default 600000 */
  flapWindowMs: z.int().positive().default(600_000),
  /** More transitions than this within the window is flapping. @default 4 */
  flapThreshold: z.int().min(1).default(4),
  /** Response-time moves smaller than this (ms) are not a visible change. @default 100 */
  responseTimeNoiseMs: z.int().min(0).default(100),
  /** Cached statuses expire after this long without a write. @default 300000 */
  statusTtlMs: z.int().min(1_000).default(300_000),
});

export const statusCoreConfigSchema = z
  .strictObject({
    /** Empty: every Kuma monitor is a service of its own. */
    services: z.array(serviceConfigSchema).default([]),
    engine: engineSettingsSchema.prefault({}),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.services.forEach((service, index) => {
      if (seen.has(service.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['services', index, 'id'],
          message: `duplicate service id "${service.id}"`,
        });
      }
      seen.add(service.id);
    });
  });

export type MonitorSelector = z.infer<typeof monitorSelectorSchema>;
export type Aggregation = z.infer<typeof aggregationSchema>;
export type ServiceConfig = z.infer<typeof serviceConfigSchema>;
export type EngineSettings = z.infer<typeof engineSettingsSchema>;
/** A validated config, defaults applied. */
export type StatusCoreConfig = z.infer<typeof statusCoreConfigSchema>;
/** What a config file may contain: defaults may be left out. */
export type StatusCoreConfigInput = z.input<typeof statusCoreConfigSchema>;
