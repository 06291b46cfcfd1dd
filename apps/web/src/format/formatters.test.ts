import { describe, expect, it } from 'vitest';
import {
  formatCertDays,
  formatMs,
  formatPercent,
  formatRelative,
  statusLabel,
} from './formatters';
import { sparklinePoints } from './sparklinePoints';

describe('formatters', () => {
  it('shows uptime fractions as percentages', () => {
    expect(formatPercent(0.99871)).toBe('99.87 %');
    expect(formatPercent(1)).toBe('100 %');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(undefined)).toBe('–');
  });

  it('counts relative time in the largest whole unit', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const ago = (ms: number) => formatRelative(new Date(now - ms), now);
    expect(ago(500)).toBe('just now');
    expect(ago(12_000)).toBe('12 s ago');
    expect(ago(185_000)).toBe('3 min ago');
    expect(ago(2 * 3600_000 + 5)).toBe('2 h ago');
    expect(ago(3 * 86_400_000)).toBe('3 d ago');
    expect(formatRelative(undefined, now)).toBe('never');
  });

  it('formats response times and certificate days', () => {
    expect(formatMs(41.6)).toBe('42 ms');
    expect(formatMs(12_345)).toBe('12.3 s');
    expect(formatCertDays(1)).toBe('1 day');
    expect(formatCertDays(30.7)).toBe('30 days');
    expect(formatCertDays(-2)).toBe('expired');
  });

  it('labels every status with a word', () => {
    expect(statusLabel('maintenance')).toBe('Maintenance');
  });
});

describe('sparklinePoints', () => {
  it('scales values to the box, lowest at the bottom', () => {
    const points = sparklinePoints([10, 30, 20], { width: 100, height: 20 });
    expect(points).toBe('0,20 50,0 100,10');
  });

  it('draws a flat line for constant values and nothing for one value', () => {
    expect(sparklinePoints([5, 5], { width: 10, height: 10 })).toBe(
      '0,10 10,10',
    );
    expect(sparklinePoints([5], { width: 10, height: 10 })).toBe('');
  });
});
