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
    const notify = (
      service: string,
      kind: 'down' | 'flapping',
      changeId?: string,
    ) =>
      store.appendNotification({
        at: new Date(now),
        kind,
        service,
        displayName: service,
        title: '',
        message: '',
        ...(changeId === undefined ? {} : { changeId }),
      });

    // The first notice comes from before notices recorded their change.
    await change('plex', 'up', 'down');
    await notify('plex', 'down');
    now += 50_000;
    const recovery = await change('plex', 'down', 'up');
    const outage = await change('sonarr', 'up', 'down');
    await notify('plex', 'flapping', recovery.id);
    now += 20_000;

    const histories = await readAlertHistory(store, {
      now,
      flapWindowMs: 30_000,
    });
    expect(Object.fromEntries(histories)).toEqual({
      plex: {
        notified: [
          { at: now - 20_000, changeId: recovery.id, kind: 'flapping' },
          { at: now - 70_000, kind: 'down' },
        ],
        changes: [
          {
            at: now - 20_000,
            changeId: recovery.id,
            previous: 'down',
            state: 'up',
          },
        ],
      },
      sonarr: {
        notified: [],
        changes: [
          {
            at: now - 20_000,
            changeId: outage.id,
            previous: 'up',
            state: 'down',
          },
        ],
      },
    });
  });

  it('reads the window by when changes happened, not by their ids', async () => {
    const now = 1_000_000;
    const read = async (storeClockAhead: number) => {
      // Ids come from the store's own clock, here off from the engine's.
      const store = new MemoryStore({ clock: () => now + storeClockAhead });
      for (const [ago, previous, to] of [
        [40_000, 'up', 'down'],
        [10_000, 'down', 'up'],
      ] as const) {
        await store.appendChange({
          at: new Date(now - ago),
          service: 'plex',
          previous,
          status: storedStatus('plex', to),
        });
      }
      const histories = await readAlertHistory(store, {
        now,
        flapWindowMs: 30_000,
      });
      const changes = histories.get('plex')?.changes ?? [];
      return changes.map(({ changeId: _id, ...change }) => change);
    };
    const inWindow = [{ at: now - 10_000, previous: 'down', state: 'up' }];
    expect(await read(-60_000)).toEqual(inWindow);
    expect(await read(60_000)).toEqual(inWindow);
  });
});
