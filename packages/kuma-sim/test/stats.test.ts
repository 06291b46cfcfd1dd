import { describe, expect, it } from 'vitest';
import { dialectSpec } from '../src/dialects';
import { MonitorStore } from '../src/monitorStore';
import { avgPing, uptime } from '../src/stats';
import type { SimStatus } from '../src/types';

const NOW = new Date('2026-03-01T12:00:00Z');
const MINUTE = 60_000;

/** A monitor whose beats came `minutesAgo` before NOW, oldest first. */
function monitorWith(beats: [minutesAgo: number, status: SimStatus][]) {
  const store = new MonitorStore();
  const monitor = store.create({ name: 'Plex' });
  for (const [minutesAgo, status] of beats) {
    const time = new Date(NOW.getTime() - minutesAgo * MINUTE);
    store.record(monitor, { status, time, ping: status === 1 ? 40 : null });
  }
  return monitor;
}

const v123 = dialectSpec('1.23');
const v2 = dialectSpec('2.x');

describe('uptime, 1.23: weighted by how long each beat stands for', () => {
  it('counts a long outage for its length, not as one beat', () => {
    // Up, then down for 50 minutes (one beat), then up every 10 minutes.
    const monitor = monitorWith([
      [120, 1],
      [110, 1],
      [60, 0],
      [10, 1],
      [0, 1],
    ]);
    const value = uptime(v123, { monitor, now: NOW, period: 24 });
    // 110: 10 min up; 60: 50 min down; 10: 50 min up; 0: 10 min up.
    expect(value).toBeCloseTo(70 / 120, 10);
    // Counting beats would say 4 of 5.
    expect(value).not.toBeCloseTo(0.8, 2);
  });

  it('cuts the beat that straddles the start of the window', () => {
    // The down beat 23 h ago covers the 2 h before it, one inside 24 h.
    const monitor = monitorWith([
      [25 * 60, 1],
      [23 * 60, 0],
      [0, 1],
    ]);
    const value = uptime(v123, { monitor, now: NOW, period: 24 });
    expect(value).toBeCloseTo((23 * 60) / (24 * 60), 10);
  });

  it('counts maintenance as up', () => {
    const monitor = monitorWith([
      [30, 1],
      [20, 3],
      [10, 0],
    ]);
    expect(uptime(v123, { monitor, now: NOW, period: 24 })).toBeCloseTo(
      0.5,
      10,
    );
  });

  it('decides by the first beat when no time has passed yet', () => {
    expect(
      uptime(v123, { monitor: monitorWith([[0, 1]]), now: NOW, period: 24 }),
    ).toBe(1);
    expect(
      uptime(v123, { monitor: monitorWith([[0, 0]]), now: NOW, period: 24 }),
    ).toBe(0);
    expect(
      uptime(v123, { monitor: monitorWith([]), now: NOW, period: 24 }),
    ).toBe(0);
  });
});

describe('uptime, 2.x: counted beats', () => {
  it('counts every beat once, pending as down, maintenance not at all', () => {
    const monitor = monitorWith([
      [120, 1],
      [110, 1],
      [60, 0],
      [50, 2],
      [40, 3],
      [0, 1],
    ]);
    expect(uptime(v2, { monitor, now: NOW, period: 24 })).toBeCloseTo(
      3 / 5,
      10,
    );
  });

  it("leaves out beats older than the period, '1y' included", () => {
    const monitor = monitorWith([
      [40 * 24 * 60, 0],
      [60, 1],
    ]);
    expect(uptime(v2, { monitor, now: NOW, period: 720 })).toBe(1);
    expect(uptime(v2, { monitor, now: NOW, period: '1y' })).toBe(0.5);
  });
});

describe('uptime and avgPing, 2.x: whole minutes and UTC days', () => {
  const at = (iso: string, status: SimStatus, ping: number | null = null) => ({
    status,
    time: new Date(iso),
    ping,
  });

  it('30 d starts at midnight UTC 29 days back, 24 h at a whole minute', () => {
    const store = new MonitorStore();
    const monitor = store.create({ name: 'Plex' });
    // NOW is 2026-03-01T12:00Z: 30 d starts at 2026-01-31T00:00Z.
    store.record(monitor, at('2026-01-30T23:00:00Z', 0)); // 29 d 13 h ago
    store.record(monitor, at('2026-01-31T06:00:00Z', 0)); // inside 30 d
    store.record(monitor, at('2026-02-28T12:00:30Z', 0)); // 24 h cut: 12:01
    store.record(monitor, at('2026-02-28T12:01:00Z', 1));
    store.record(monitor, at('2026-03-01T12:00:00Z', 1));
    expect(uptime(v2, { monitor, now: NOW, period: 720 })).toBe(2 / 4);
    expect(uptime(v2, { monitor, now: NOW, period: 24 })).toBe(1);
    expect(uptime(v2, { monitor, now: NOW, period: '1y' })).toBe(2 / 5);
  });

  it('falls back to the newest beat’s bucket when the period has none', () => {
    const store = new MonitorStore();
    const monitor = store.create({ name: 'Plex' });
    store.record(monitor, at('2026-02-20T08:00:00Z', 1, 30));
    store.record(monitor, at('2026-02-26T09:15:05Z', 0));
    store.record(monitor, at('2026-02-26T09:15:40Z', 1, 50));
    // Nothing in the last 24 h: the minute 09:15 on 26 February counts.
    expect(uptime(v2, { monitor, now: NOW, period: 24 })).toBe(0.5);
    expect(avgPing(v2, { monitor, now: NOW })).toBe(50);
    // 1.23 reads the window itself: nothing in it.
    expect(avgPing(v123, { monitor, now: NOW })).toBeNull();
  });
});

describe('avgPing', () => {
  it('is an integer in 1.23 and has two decimals in 2.x', () => {
    const store = new MonitorStore();
    const monitor = store.create({ name: 'Plex' });
    for (const [minutesAgo, ping] of [
      [20, 10],
      [10, 11],
      [0, 11],
    ] as const) {
      const time = new Date(NOW.getTime() - minutesAgo * MINUTE);
      store.record(monitor, { status: 1, time, ping });
    }
    expect(avgPing(v123, { monitor, now: NOW })).toBe(10);
    expect(avgPing(v2, { monitor, now: NOW })).toBe(10.67);
  });

  it('is null without a measured ping', () => {
    const monitor = monitorWith([[5, 0]]);
    expect(avgPing(v123, { monitor, now: NOW })).toBeNull();
    expect(avgPing(v2, { monitor, now: NOW })).toBeNull();
  });
});
