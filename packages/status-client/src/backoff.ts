/**
 * Reconnect delay before attempt `attempt` (0-based): doubling from 250 ms
 * up to 15 s, with jitter so that a restarted server is not hit by every
 * dashboard in the same millisecond.
 */
export function reconnectBackoff(attempt: number): number {
  const ceiling = Math.min(15_000, 250 * 2 ** attempt);
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
