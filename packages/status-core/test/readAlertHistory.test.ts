import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/MemoryStore';
import { readAlertHistory } from '../src/readAlertHistory';
import type { ServiceState } from '../src/types';
import { storedStatus } from './engineHelpers';

describe('readAlertHistory', () => {
  it('reads the window of changes and the newest notifications per service', async () => {
    let now = 1_000_000;
    const store = new MemoryStore({ clock: () => now });
    const change = (
      service: string,
      previous: ServiceState,
      to: ServiceState,
    ) =>
      store.appendChange({
        at: new Date(now),
        service,
        previous,
        status: storedStatus(service, to),
      });
    const notify = (service: string, kind: 'down' | 'flapping') =>
      store.appendNotification({
        at: new Date(now),
        kind,
        service,
        displayName: service,
        title: '',
        message: '',
      });

    await change('plex', 'up', 'down');
    await notify('plex', 'down');
    now += 50_000;
    await change('plex', 'down', 'up');
    await change('sonarr', 'up', 'down');
    await notify('plex', 'flapping');
    now += 20_000;

    const histories = await readAlertHistory(store, {
      now,
      flapWindowMs: 30_000,
    });
    expect(Object.fromEntries(histories)).toEqual({
      plex: {
        notified: [
          { at: now - 20_000, kind: 'flapping' },
          { at: now - 70_000, kind: 'down' },
        ],
        changes: [{ at: now - 20_000, previous: 'down', state: 'up' }],
      },
      sonarr: {
        notified: [],
        changes: [{ at: now - 20_000, previous: 'up', state: 'down' }],
      },
    });
  });
});
