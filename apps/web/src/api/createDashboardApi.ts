import {
  createStatusClient,
  subscribeNotifications,
  type StatusClient,
  type StatusClientOptions,
} from '@medianest/status-client';
import type { DashboardApi } from './dashboardApi';

/** The dashboard's API over the typed status client. */
export function createDashboardApi(opts: StatusClientOptions): DashboardApi {
  return fromStatusClient(createStatusClient(opts));
}

export function fromStatusClient(client: StatusClient): DashboardApi {
  return {
    list: () => client.status.list.query(),
    history: (query) => client.status.history.query(query),
    health: async () => ({
      mode: (await client.system.health.query()).engine.mode,
    }),
    refresh: async () => {
      const result = await client.admin.refresh.mutate();
      return { changed: result.changed.length, mode: result.mode };
    },
    role: async () => {
      const { role } = await client.system.whoami.query();
      return role === 'anonymous' ? 'public' : role;
    },
    onChange: (handlers) =>
      client.status.onChange.subscribe(undefined, {
        onData: ({ id, data }) => handlers.onData({ id, status: data }),
        onError: (error) => handlers.onError(error),
      }),
    // From the feed's position, so that a notification published while
    // the socket is away is still toasted; older ones are not.
    onNotification: (handlers) =>
      subscribeNotifications(client, {
        onData: ({ data }) => handlers.onData(data),
        onError: (error) => handlers.onError(error),
      }),
    onTransport: (listener) => {
      const stop = client.connectionState.subscribe((state) => {
        if (state !== 'closed') listener(state);
      });
      return { unsubscribe: stop };
    },
    close: () => void client.close(),
  };
}
