import type { TableStatus } from './types';

export function formatResponse(ms: number | undefined): string {
  return ms === undefined ? '–' : `${Math.round(ms)} ms`;
}

export function formatUptime(fraction: number | undefined): string {
  if (fraction === undefined) return '–';
  const percent = fraction * 100;
  return `${percent.toFixed(percent === 100 ? 0 : 2)} %`;
}

/** `5 s ago`, `3 min ago`, `2 h ago`, `4 d ago`; `never` without a check. */
export function formatAgo(at: Date | undefined, now: number): string {
  if (!at) return 'never';
  const seconds = Math.max(0, Math.round((now - at.getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

export function formatSource(source: TableStatus['source']): string {
  return source === 'kuma' ? '' : source;
}
