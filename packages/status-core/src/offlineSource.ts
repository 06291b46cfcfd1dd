import type { StatusSource } from './source';

/**
 * Stands in while `connectSource` keeps failing: never ready, so the engine
 * falls back to probing after the grace period.
 */
export const offlineSource: StatusSource = {
  state: 'closed',
  monitors: () => [],
  beats: () => [],
  latestBeat: () => undefined,
  stats: () => undefined,
  resync: () => Promise.resolve(),
  on: () => undefined,
  off: () => undefined,
};
