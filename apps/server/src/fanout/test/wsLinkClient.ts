import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import superjson from 'superjson';
import { WebSocket } from 'ws';
import type { FanoutTestServer, TestStatus } from './fanoutTestServer';

type Path = 'fast' | 'late' | 'stock';

/**
 * A stock `wsLink` client subscribed to one of the test router's paths,
 * recording what it receives.
 */
export function subscribeWithWsLink(server: FanoutTestServer, path: Path) {
  const wsClient = createWSClient({
    url: server.url,
    WebSocket: WebSocket as never,
    retryDelayMs: () => 20,
  });
  const client = createTRPCClient<FanoutTestServer['router']>({
    links: [wsLink({ client: wsClient, transformer: superjson })],
  });
  const received: { id: string; data: TestStatus }[] = [];
  let starts = 0;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  const until = async (check: () => boolean) => {
    if (check()) return;
    await new Promise<void>((resolve) => {
      const listener = () => {
        if (!check()) return;
        listeners.delete(listener);
        resolve();
      };
      listeners.add(listener);
    });
  };

  const subscription = client[path].subscribe(undefined, {
    onStarted: () => {
      starts += 1;
      notify();
    },
    onData: (event) => {
      received.push(event);
      notify();
    },
  });
  return {
    received,
    until,
    starts: () => starts,
    async close() {
      subscription.unsubscribe();
      await wsClient.close();
    },
  };
}
