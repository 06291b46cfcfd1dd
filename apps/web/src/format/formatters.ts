import type { ServiceStateDto } from '@medianest/status-client';

const LABELS: Record<ServiceStateDto, string> = {
  up: 'Up',
  down: 'Down',
  degraded: 'Degraded',
  maintenance: 'Maintenance',
  unknown: 'Unknown',
};

/** The word shown next to a status colour, so colour is never the only cue. */
export function statusLabel(status: ServiceStateDto): string {
  return LABELS[status];
}

/** `0.99871` → `99.87 %`; missing values show an en dash. */
export function formatPercent(fraction: number | undefined): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return '–';
  const percent = Math.min(Math.max(fraction, 0), 1) * 100;
  const digits = percent === 100 || percent === 0 ? 0 : 2;
  return `${percent.toFixed(digits)} %`;
}

/** Milliseconds, rounded; seconds once above ten thousand. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms)} ms`;
}

const UNITS: [limit: number, size: number, unit: string][] = [
  [60, 1, 's'],
  [3600, 60, 'min'],
  [86_400, 3600, 'h'],
  [Infinity, 86_400, 'd'],
];

/** `12 s ago`, `3 min ago`; `just now` under two seconds. */
export function formatRelative(at: Date | undefined, now: number): string {
  if (!at) return 'never';
  const seconds = Math.max(0, Math.round((now - at.getTime()) / 1000));
  if (seconds < 2) return 'just now';

  const [, size, unit] = UNITS.find(([limit]) => seconds < limit) ?? [
    0,
    1,
    's',
  ];
  return `${Math.floor(seconds / size)} ${unit} ago`;
}

/** Certificates closer to expiry than this many days are highlighted. */
export const CERT_WARN_DAYS = 14;

export function formatCertDays(days: number | undefined): string {
  if (days === undefined) return '–';
  if (days < 0) return 'expired';
  return days === 1 ? '1 day' : `${Math.floor(days)} days`;
}
