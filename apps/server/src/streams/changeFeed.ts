import type {
  StatusChange,
  StatusEngineApi,
  StatusNotification,
} from '@medianest/status-core';

/**
 * Where subscriptions hear about live changes. The stock feed listens to
 * the engine once per subscriber; a fan-out implementation can replace it
 * (see `createApp`'s `fanout` option) without touching the routers.
 */
export interface ChangeFeed {
  /** Calls `listener` for each change, in id order. Returns a remover. */
  onChange(listener: (change: StatusChange) => void): () => void;
  onNotification(
    listener: (notification: StatusNotification) => void,
  ): () => void;
}

/** The stock feed: every subscriber is one engine listener. */
export function createChangeFeed(engine: StatusEngineApi): ChangeFeed {
  return {
    onChange: (listener) => engine.onChange(listener),
    onNotification: (listener) => engine.onNotification(listener),
  };
}
