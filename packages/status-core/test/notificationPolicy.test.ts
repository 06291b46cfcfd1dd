import { describe, expect, it } from 'vitest';
import {
  NotificationPolicy,
  type AlertChange,
  type AlertHistory,
} from '../src/NotificationPolicy';
import type { ServiceState } from '../src/types';

const WINDOW = 60_000;
const NOW = 1_000_000;

function policy(): NotificationPolicy {
  return new NotificationPolicy({ flapWindowMs: WINDOW, flapThreshold: 3 });
}

/** Changes through `states`, one second apart, ending `endAgo` before NOW. */
function changes(states: ServiceState[], endAgo = 1_000): AlertChange[] {
  const start = NOW - endAgo - (states.length - 2) * 1_000;
  return states.slice(1).map((state, index) => ({
    at: start + index * 1_000,
    previous: states[index] ?? null,
    state,
  }));
}

function restored(state: ServiceState, history: AlertHistory) {
  const alerts = policy();
  alerts.restore({ service: 'plex', state, now: NOW, history });
  return alerts;
}

function observe(alerts: NotificationPolicy, state: ServiceState, at = NOW) {
  return alerts.observe({ service: 'plex', state, at });
}

describe('NotificationPolicy.restore', () => {
  it('keeps a flap muted across a takeover, then announces its end', () => {
    const alerts = restored('down', {
      notified: ['flapping', 'recovered', 'down'],
      changes: changes(['up', 'down', 'up', 'down', 'up', 'down']),
    });
    expect(alerts.isFlapping('plex')).toBe(true);
    expect(observe(alerts, 'up')).toBeNull();
    expect(observe(alerts, 'down', NOW + 1)).toBeNull();
    expect(alerts.settle(NOW + WINDOW)).toEqual([]);
    expect(alerts.settle(NOW + 1 + WINDOW)).toEqual([
      { service: 'plex', kind: 'down' },
    ]);
    expect(alerts.settle(NOW + 2 * WINDOW)).toEqual([]);
  });

  it('a settle or notification after `flapping` ends the flap', () => {
    const alerts = restored('up', {
      notified: ['recovered', 'flapping', 'down'],
      changes: [],
    });
    expect(alerts.isFlapping('plex')).toBe(false);
    expect(observe(alerts, 'down')).toBe('down');
  });

  it('closes a flap that went quiet, announcing only a changed state', () => {
    const quiet = changes(['up', 'down', 'up', 'down', 'up'], WINDOW + 1);
    const same = restored('up', { notified: ['flapping'], changes: quiet });
    expect(same.isFlapping('plex')).toBe(true);
    expect(same.settle(NOW)).toEqual([]);
    expect(same.isFlapping('plex')).toBe(false);

    const other = restored('down', {
      notified: ['flapping', 'recovered'],
      changes: [],
    });
    expect(other.settle(NOW)).toEqual([{ service: 'plex', kind: 'down' }]);
  });

  it('owes a transition the previous leader never announced', () => {
    const alerts = restored('up', {
      notified: ['down'],
      changes: changes(['up', 'down', 'up']),
    });
    expect(alerts.settle(NOW)).toEqual([
      { service: 'plex', kind: 'recovered' },
    ]);
    expect(alerts.settle(NOW + 1)).toEqual([]);
  });

  it('counts the window towards the flap threshold', () => {
    const alerts = restored('down', {
      notified: ['down', 'recovered', 'down'],
      changes: changes(['up', 'down', 'up', 'down']),
    });
    expect(observe(alerts, 'up')).toBe('flapping');
  });

  it('ignores transitions older than the window and spells of unknown', () => {
    const old = changes(['up', 'down', 'up'], WINDOW + 5_000);
    const unknown = changes(['down', 'unknown', 'down', 'unknown', 'down']);
    const alerts = restored('down', {
      notified: ['down'],
      changes: [...old, ...unknown],
    });
    expect(observe(alerts, 'up')).toBe('recovered');
    expect(observe(alerts, 'down')).toBe('down');
    expect(observe(alerts, 'up')).toBe('recovered');
    expect(observe(alerts, 'down')).toBe('flapping');
  });

  it('takes the state before the window as told when nothing was told', () => {
    const alerts = restored('down', {
      notified: [],
      changes: changes(['maintenance', 'down']),
    });
    expect(alerts.settle(NOW)).toEqual([{ service: 'plex', kind: 'down' }]);
  });

  it('without history, takes the state as told, as `seed` does', () => {
    const alerts = restored('down', { notified: [], changes: [] });
    expect(alerts.settle(NOW)).toEqual([]);
    expect(observe(alerts, 'up')).toBe('recovered');
  });
});
