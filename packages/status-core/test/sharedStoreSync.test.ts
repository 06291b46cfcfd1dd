import { silentLogger } from '@medianest/kuma-client';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/MemoryStore';
import { SharedStoreSync } from '../src/SharedStoreSync';
import type { NewStatusChange } from '../src/StatusStore';
import type { ServiceStatus, StatusChange } from '../src/types';
import { storedStatus } from './engineHelpers';

/** A shared store that answers only as many writes as it is allowed. */
class FlakyStore extends MemoryStore {
  writesLeft = Infinity;

  override putStatuses(statuses: readonly ServiceStatus[]): Promise<void> {
    return this.spend(() => super.putStatuses(statuses));
  }

  override appendChange(
    change: NewStatusChange,
    id?: string,
  ): Promise<StatusChange> {
    return this.spend(() => super.appendChange(change, id));
  }

  private spend<TValue>(write: () => Promise<TValue>): Promise<TValue> {
    if (this.writesLeft <= 0) return Promise.reject(new Error('store down'));
    this.writesLeft -= 1;
    return write();
  }
}

function change(state: 'up' | 'down'): NewStatusChange {
  const status = storedStatus('plex', state);
  return { at: new Date(), service: 'plex', previous: null, status };
}

describe('SharedStoreSync', () => {
  it('copies what the store missed even when it fails again mid-copy', async () => {
    const shared = new FlakyStore();
    const local = new MemoryStore();
    const sync = new SharedStoreSync({
      store: shared,
      local,
      logger: silentLogger,
      current: new Map(),
    });

    shared.writesLeft = 0;
    const published = [
      await sync.appendChange(change('down')),
      await sync.appendChange(change('up')),
      await sync.appendChange(change('down')),
    ];
    expect(sync.storeHealthy).toBe(false);

    // Back for the statuses and the first copied change only.
    shared.writesLeft = 2;
    await sync.write([]);
    expect(sync.storeHealthy).toBe(false);
    expect((await shared.readAfter('0')).items).toEqual(published.slice(0, 1));

    shared.writesLeft = Infinity;
    await sync.write([]);
    expect(sync.storeHealthy).toBe(true);
    expect((await shared.readAfter('0')).items).toEqual(published);
  });
});
