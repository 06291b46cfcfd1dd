import type {
  inferRouterInputs,
  inferRouterOutputs,
  inferSubscriptionOutput,
} from '@trpc/server';
import type { AppRouter } from '@medianest/server';

/**
 * What each query and mutation returns, as a client receives it (superjson
 * keeps `Date`s). Derived from the router, so a client never re-declares
 * the server's shapes; `import type` keeps server code out of bundles.
 */
export type StatusApiOutputs = inferRouterOutputs<AppRouter>;

/** What each procedure accepts. */
export type StatusApiInputs = inferRouterInputs<AppRouter>;

/** One service's current status (`status.list`, `status.get`). */
export type ServiceStatusDto = StatusApiOutputs['status']['get'];

/** What a person sees about a service: `up`, `down`, ... */
export type ServiceStateDto = ServiceStatusDto['status'];

/** Where a status came from: `kuma`, `probe` or `cache`. */
export type StatusOriginDto = ServiceStatusDto['source'];

/** One page of `status.history`, newest first. */
export type HistoryPageDto = StatusApiOutputs['status']['history'];

/** One entry of the change feed (`status.history` items). */
export type StatusChangeDto = HistoryPageDto['items'][number];

/** One `status.onChange` event: the status and its change-feed id. */
export type StatusEventDto = inferSubscriptionOutput<
  AppRouter['status']['onChange']
>;

/** One `notifications.onEvent` event: the notification and its feed id. */
export type NotificationEventDto = inferSubscriptionOutput<
  AppRouter['notifications']['onEvent']
>;

/** A transition worth telling people about (`notifications.onEvent`). */
export type NotificationDto = NotificationEventDto['data'];

/**
 * The newest notifications and the feed's position
 * (`notifications.recent`).
 */
export type RecentNotificationsDto =
  StatusApiOutputs['notifications']['recent'];

/** The server's and engine's health (`system.health`). */
export type HealthDto = StatusApiOutputs['system']['health'];

/** Where statuses come from right now: `starting`, `kuma` or `probe`. */
export type EngineModeDto = HealthDto['engine']['mode'];

/** What `admin.refresh` reports. */
export type RefreshResultDto = StatusApiOutputs['admin']['refresh'];

/** The caller's role (`system.whoami`). */
export type RoleDto = StatusApiOutputs['system']['whoami']['role'];
