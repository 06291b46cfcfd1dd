/** The client's WebSocket, as a person would describe it. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Read the current state, or be told of every change. */
export interface ConnectionStateStore {
  get(): ConnectionState;
  /**
   * Calls `listener` now with the current state and on every change.
   * Returns a function that stops it.
   */
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

/** @internal A store with a setter, for the client itself. */
export interface WritableConnectionState extends ConnectionStateStore {
  set(state: ConnectionState): void;
}

/** @internal */
export function createConnectionState(): WritableConnectionState {
  let current: ConnectionState = 'connecting';
  const listeners = new Set<(state: ConnectionState) => void>();

  return {
    get: () => current,
    set(state) {
      // Once closed by the owner, late socket callbacks change nothing.
      if (state === current || current === 'closed') return;
      current = state;
      for (const listener of [...listeners]) listener(state);
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(current);
      return () => listeners.delete(listener);
    },
  };
}
