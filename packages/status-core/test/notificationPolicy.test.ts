import { describe, expect, it } from 'vitest';
import {
  NotificationPolicy,
  type AlertChange,
  type AlertHistory,
  type AlertNotice,
} from '../src/NotificationPolicy';
import type { NotificationKind, ServiceState } from '../src/types';

const WINDOW = 60_000;
const NOW = 1_000_000;

function policy(): NotificationPolicy {
  return new NotificationPolicy({ flapWindowMs: WINDOW, flapThreshold: 3 });
}

/** The id of the change at `at`, the `seq`th of that millisecond. */
function idAt(at: number, seq = 0): string {
  return `${at}-${seq}`;
}

/** Changes through `states`, one second apart, ending `endAgo` before NOW. */
function changes(states: ServiceState[], endAgo = 1_000): AlertChange[] {
  const start = NOW - endAgo - (states.length - 2) * 1_000;
  return states.slice(1).map((state, index) => ({
    at: start + index * 1_000,
    changeId: idAt(start + index * 1_000),
    previous: states[index] ?? null,
    state,
  }));
}

/** A notification `ago` milliseconds before NOW, of the change then. */
function notice(kind: NotificationKind, ago: number): AlertNotice {
  return { at: NOW - ago, changeId: idAt(NOW - ago), kind };
}

/** The first sight of the service, taken as known without telling. */
function firstSight(state: ServiceState, ago: number): AlertChange {
  return { at: NOW - ago, changeId: idAt(NOW - ago), previous: null, state };
}

/** What `settle` calls for: `kind`, for the change `ago` before NOW. */
function owed(kind: NotificationKind, ago = 1_000) {
  return { service: 'plex', kind, changeId: idAt(NOW - ago) };
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
      notified: [
        notice('flapping', 3_000),
        notice('recovered', 4_000),
        notice('down', 5_000),
      ],
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
      notified: [
        notice('recovered', 1_000),
        notice('flapping', 2_000),
        notice('down', 3_000),
      ],
      changes: [],
    });
    expect(alerts.isFlapping('plex')).toBe(false);
    expect(observe(alerts, 'down')).toBe('down');
  });

  it('closes a flap that went quiet for a window, owing nothing', () => {
    const quiet = changes(['up', 'down', 'up', 'down', 'up'], WINDOW + 1);
    const flapping = notice('flapping', WINDOW + 3_000);
    const same = restored('up', { notified: [flapping], changes: quiet });
    expect(same.isFlapping('plex')).toBe(true);
    expect(same.settle(NOW)).toEqual([]);
    expect(same.isFlapping('plex')).toBe(false);

    // The window cannot show whether a later leader took `down` as known.
    const other = restored('down', {
      notified: [flapping, notice('recovered', WINDOW + 5_000)],
      changes: [],
    });
    expect(other.settle(NOW)).toEqual([]);
    expect(observe(other, 'up')).toBe('recovered');
  });

  it('owes a transition the previous leader never announced', () => {
    const alerts = restored('up', {
      notified: [notice('down', 2_000)],
      changes: changes(['up', 'down', 'up']),
    });
    expect(alerts.settle(NOW)).toEqual([owed('recovered')]);
    expect(alerts.settle(NOW + 1)).toEqual([]);
  });

  it('counts the window towards the flap threshold', () => {
    const alerts = restored('down', {
      notified: [
        notice('down', 1_000),
        notice('recovered', 2_000),
        notice('down', 3_000),
      ],
      changes: changes(['up', 'down', 'up', 'down']),
    });
    expect(observe(alerts, 'up')).toBe('flapping');
  });

  it('counts a flap as `observe` did, settling when it would have', () => {
    const flap = changes([
      'up',
      'down',
      'up',
      'down',
      'up',
      'down',
      'up',
      'down',
    ]);
    const original = policy();
    original.seed('plex', 'up');
    const notified: AlertNotice[] = [];
    for (const { at, changeId, state } of flap) {
      const kind = original.observe({ service: 'plex', state, at, changeId });
      if (kind !== null) notified.unshift({ at, changeId, kind });
    }
    expect(notified.map((n) => n.kind)).toEqual([
      'flapping',
      'down',
      'recovered',
      'down',
    ]);
    const alerts = restored('down', { notified, changes: flap });

    // Moves back to the state last told (`down`) are no transitions.
    const settles = flap.at(-2)!.at + WINDOW;
    for (const each of [original, alerts]) {
      expect(each.settle(settles - 1)).toEqual([]);
      expect(each.isFlapping('plex')).toBe(true);
      expect(each.settle(settles)).toEqual([]);
      expect(each.isFlapping('plex')).toBe(false);
    }
  });

  it('counts transitions afresh from a first sight, as `seed` does', () => {
    const alerts = restored('up', {
      notified: [
        notice('down', 5_000),
        notice('recovered', 6_000),
        notice('down', 7_000),
      ],
      changes: [
        ...changes(['up', 'down', 'up', 'down'], 5_000),
        firstSight('down', 2_000),
        ...changes(['down', 'up']),
      ],
    });
    expect(alerts.settle(NOW)).toEqual([owed('recovered')]);
    expect(observe(alerts, 'down')).toBe('down');
  });

  it('ignores transitions older than the window and spells of unknown', () => {
    const old = changes(['up', 'down', 'up'], WINDOW + 5_000);
    const unknown = changes(['down', 'unknown', 'down', 'unknown', 'down']);
    const alerts = restored('down', {
      notified: [notice('down', WINDOW + 6_000)],
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
    expect(alerts.settle(NOW)).toEqual([owed('down')]);
  });

  it('takes a first sight after the newest notification as told', () => {
    const seen = firstSight('up', WINDOW + 1_000);
    const alerts = restored('up', {
      notified: [notice('down', WINDOW + 5_000)],
      changes: [seen],
    });
    expect(alerts.settle(NOW)).toEqual([]);
    expect(observe(alerts, 'down')).toBe('down');
  });

  it('owes what came after a first sight in the window', () => {
    const alerts = restored('down', {
      notified: [notice('down', 10_000)],
      changes: [firstSight('up', 5_000), ...changes(['up', 'down'])],
    });
    expect(alerts.settle(NOW)).toEqual([owed('down')]);
  });

  it('owes nothing the window does not show', () => {
    const alerts = restored('up', {
      notified: [notice('down', WINDOW + 10_000)],
      changes: changes(['up', 'unknown', 'up']),
    });
    expect(alerts.settle(NOW)).toEqual([]);
    expect(observe(alerts, 'down')).toBe('down');
  });

  it('orders a change and a notice of one millisecond by change ids', () => {
    // Down, announced, and up again within one millisecond.
    const at = NOW - 2_000;
    const alerts = restored('up', {
      notified: [{ at, changeId: idAt(at), kind: 'down' }],
      changes: [
        { at, changeId: idAt(at), previous: 'up', state: 'down' },
        { at, changeId: idAt(at, 1), previous: 'down', state: 'up' },
      ],
    });
    expect(alerts.settle(NOW)).toEqual([
      { service: 'plex', kind: 'recovered', changeId: idAt(at, 1) },
    ]);
    expect(alerts.settle(NOW + 1)).toEqual([]);
  });

  it('keeps muted a flap tipped within the millisecond of the last news', () => {
    const at = NOW - 2_000;
    const flap = changes(['up', 'down', 'up', 'down', 'up']).map(
      (change, index) => ({ ...change, at, changeId: idAt(at, index) }),
    );
    const notified = (['down', 'recovered', 'down', 'flapping'] as const)
      .map((kind, index) => ({ at, changeId: idAt(at, index), kind }))
      .reverse();
    const alerts = restored('up', { notified, changes: flap });
    expect(alerts.isFlapping('plex')).toBe(true);
    expect(observe(alerts, 'down')).toBeNull();
    expect(observe(alerts, 'up')).toBeNull();
  });

  it('orders by time notices that do not record their change', () => {
    const alerts = restored('up', {
      notified: [{ at: NOW - 2_000, kind: 'down' }],
      changes: changes(['up', 'down', 'up']),
    });
    expect(alerts.settle(NOW)).toEqual([owed('recovered')]);
  });

  it('without history, takes the state as told, as `seed` does', () => {
    const alerts = restored('down', { notified: [], changes: [] });
    expect(alerts.settle(NOW)).toEqual([]);
    expect(observe(alerts, 'up')).toBe('recovered');
  });
});
