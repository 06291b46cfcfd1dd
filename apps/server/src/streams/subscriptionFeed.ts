import type { Encoder } from '@trpc/server/adapters/ws';
import type { StatusEngineApi } from '@medianest/status-core';
import { createChangeFeed, type ChangeFeed } from './changeFeed';

/** What subscriptions are served through. */
export interface SubscriptionFeed {
  feed: ChangeFeed;
  /** Replaces the ws adapter's encoder, e.g. to serialize a change once. */
  encoder?: Encoder;
  /** Releases what the feed holds. */
  close?: () => void;
}

/**
 * The one place that picks how changes reach subscribers. Today: the stock
 * path, one engine listener and one encode per subscriber.
 */
export function createSubscriptionFeed(
  engine: StatusEngineApi,
): SubscriptionFeed {
  return { feed: createChangeFeed(engine) };
}
