import { paint, type Color } from './ansi';
import {
  formatAgo,
  formatResponse,
  formatSource,
  formatUptime,
} from './formatCell';
import type { TableStatus } from './types';

export interface RenderTableOptions {
  /** Terminal columns available; columns are dropped to fit. */
  width: number;
  /** Colour the status words (only when stdout is a terminal). */
  color: boolean;
  /** Reference time for "last check". @default Date.now() */
  now?: number;
}

interface Column {
  title: string;
  /** Dropped first when the terminal is narrow: higher goes first. */
  dropOrder: number;
  align: 'left' | 'right';
  cell: (status: TableStatus, now: number) => string;
}

const COLUMNS: Column[] = [
  { title: 'SERVICE', dropOrder: 0, align: 'left', cell: (s) => s.displayName },
  { title: 'STATUS', dropOrder: 0, align: 'left', cell: (s) => s.status },
  {
    title: 'RESPONSE',
    dropOrder: 3,
    align: 'right',
    cell: (s) => formatResponse(s.responseTime),
  },
  {
    title: 'UPTIME 24H',
    dropOrder: 2,
    align: 'right',
    cell: (s) => formatUptime(s.uptime24h),
  },
  {
    title: 'LAST CHECK',
    dropOrder: 4,
    align: 'right',
    cell: (s, now) => formatAgo(s.lastCheck, now),
  },
  {
    title: 'SOURCE',
    dropOrder: 5,
    align: 'left',
    cell: (s) => formatSource(s.source),
  },
];

const GAP = '  ';
const MIN_NAME = 8;

const STATUS_COLORS: Record<TableStatus['status'], Color> = {
  up: 'green',
  down: 'red',
  degraded: 'yellow',
  maintenance: 'blue',
  unknown: 'gray',
};

/**
 * The services as a text table sorted by name, one line each, fitted to
 * `width`. Pure: the same input gives the same text.
 */
export function renderTable(
  statuses: readonly TableStatus[],
  opts: RenderTableOptions,
): string {
  const now = opts.now ?? Date.now();
  const rows = [...statuses].sort((a, b) =>
    a.displayName.localeCompare(b.displayName),
  );
  if (rows.length === 0) return 'No services.';

  const cells = rows.map((row) => COLUMNS.map((c) => c.cell(row, now)));
  const widths = COLUMNS.map((column, i) =>
    Math.max(column.title.length, ...cells.map((line) => len(line[i]))),
  );
  const shown = fitColumns(widths, opts.width);

  const header = formatLine(
    COLUMNS.map((c) => c.title),
    { widths, shown },
  );
  const lines = cells.map((line, r) =>
    formatLine(line, { widths, shown, status: statusOf(rows[r], opts.color) }),
  );
  return [opts.color ? paint(header, 'bold') : header, ...lines].join('\n');
}

/** Indexes of the columns that fit; the name column shrinks last. */
function fitColumns(widths: number[], width: number): Set<number> {
  const shown = new Set(COLUMNS.keys());
  const total = () =>
    [...shown].reduce((sum, i) => sum + (widths[i] ?? 0), 0) +
    GAP.length * (shown.size - 1);
  const byDrop = [...COLUMNS.keys()]
    .filter((i) => (COLUMNS[i]?.dropOrder ?? 0) > 0)
    .sort(
      (a, b) => (COLUMNS[b]?.dropOrder ?? 0) - (COLUMNS[a]?.dropOrder ?? 0),
    );

  for (const index of byDrop) {
    if (total() <= width) break;
    shown.delete(index);
  }
  const overflow = total() - width;
  if (overflow > 0) widths[0] = Math.max(MIN_NAME, (widths[0] ?? 0) - overflow);
  return shown;
}

interface LineLayout {
  widths: number[];
  shown: Set<number>;
  /** Colour for the status cell of a data line. */
  status?: Color | undefined;
}

function formatLine(cells: string[], layout: LineLayout): string {
  const parts = cells.flatMap((text, i) => {
    const column = COLUMNS[i];
    if (!column || !layout.shown.has(i)) return [];
    const cell = pad(truncate(text, layout.widths[i] ?? 0), {
      width: layout.widths[i] ?? 0,
      align: column.align,
    });
    return [i === 1 && layout.status ? paint(cell, layout.status) : cell];
  });
  return parts.join(GAP).trimEnd();
}

function statusOf(
  row: TableStatus | undefined,
  color: boolean,
): Color | undefined {
  return color && row ? STATUS_COLORS[row.status] : undefined;
}

function pad(text: string, opts: { width: number; align: 'left' | 'right' }) {
  const space = ' '.repeat(Math.max(0, opts.width - len(text)));
  return opts.align === 'left' ? text + space : space + text;
}

function truncate(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width
    ? text
    : `${chars.slice(0, width - 1).join('')}…`;
}

function len(text: string | undefined): number {
  return [...(text ?? '')].length;
}
