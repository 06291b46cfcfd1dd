import { describe, expect, it } from 'vitest';
import { stripAnsi } from './ansi';
import { renderTable } from './renderTable';
import type { TableStatus } from './types';

const NOW = Date.parse('2025-06-01T12:00:00Z');

const statuses: TableStatus[] = [
  {
    service: 'plex',
    displayName: 'Plex',
    status: 'down',
    responseTime: 1234.4,
    uptime24h: 0.98765,
    lastCheck: new Date(NOW - 75_000),
    source: 'probe',
  },
  {
    service: 'jellyfin',
    displayName: 'Jellyfin',
    status: 'up',
    responseTime: 42,
    uptime24h: 1,
    lastCheck: new Date(NOW - 5_000),
    source: 'kuma',
  },
  { service: 'nas', displayName: 'NAS', status: 'unknown', source: 'cache' },
];

describe('renderTable', () => {
  it('lays out a row per service, sorted by name, with every column', () => {
    const text = renderTable(statuses, { width: 100, color: false, now: NOW });
    expect(text).toMatchInlineSnapshot(`
      "SERVICE   STATUS   RESPONSE  UPTIME 24H  LAST CHECK  SOURCE
      Jellyfin  up          42 ms       100 %     5 s ago
      NAS       unknown         –           –       never  cache
      Plex      down      1234 ms     98.77 %   1 min ago  probe"
    `);
  });

  it('colours the status words only when asked', () => {
    const plain = renderTable(statuses, { width: 100, color: false, now: NOW });
    const colored = renderTable(statuses, {
      width: 100,
      color: true,
      now: NOW,
    });

    expect(plain).not.toContain('\u001b[');
    expect(colored).toContain('\u001b[31mdown');
    expect(colored).toContain('\u001b[32mup');
    expect(stripAnsi(colored)).toBe(plain);
  });

  it('drops the least useful columns, then shortens names, to fit', () => {
    const narrow = renderTable(statuses, { width: 40, color: false, now: NOW });
    const lines = narrow.split('\n');

    expect(lines[0]).toBe('SERVICE   STATUS   RESPONSE  UPTIME 24H');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);

    const tiny = renderTable(statuses, { width: 12, color: false, now: NOW });
    expect(tiny.split('\n')[1]).toBe('Jellyfin  up');
  });

  it('truncates long names with an ellipsis when even two columns overflow', () => {
    const long = [{ ...statuses[1]!, displayName: 'A very long service name' }];
    const text = renderTable(long, { width: 20, color: false, now: NOW });
    expect(text.split('\n')[1]).toBe('A very long…  up');
  });

  it('says so when there is nothing to show', () => {
    expect(renderTable([], { width: 80, color: false })).toBe('No services.');
  });
});
