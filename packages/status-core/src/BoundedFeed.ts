import type { FeedSlice, HistoryQuery } from './engineApi';
import { compareChangeIds, nextChangeId, parseChangeId } from './changeId';

/** An append-only list of entries with increasing ids, oldest dropped. */
export class BoundedFeed<TEntry extends { id: string; service: string }> {
  private readonly entries: TEntry[] = [];
  /** Id of the newest entry dropped to keep the bound, if any. */
  private droppedThrough: string | null = null;

  constructor(
    private readonly opts: { capacity: number; clock: () => number },
  ) {}

  /** Appends with a fresh id, or with `id` when it is newer than the last. */
  append(entry: Omit<TEntry, 'id'>, id?: string): TEntry {
    const last = this.lastId();
    const fresh = nextChangeId(last, this.opts.clock());
    const chosen =
      id !== undefined && (last === null || compareChangeIds(id, last) > 0)
        ? id
        : fresh;
    const stored = { ...entry, id: chosen } as TEntry;
    this.entries.push(stored);
    if (this.entries.length > this.opts.capacity) {
      this.droppedThrough = this.entries.shift()?.id ?? this.droppedThrough;
    }
    return stored;
  }

  lastId(): string | null {
    return this.entries.at(-1)?.id ?? null;
  }

  /** The newest `count` entries, newest first. */
  newest(count: number): TEntry[] {
    return count > 0 ? this.entries.slice(-count).reverse() : [];
  }

  /** Entries after `id`; `expired` when some of them were already dropped. */
  after(id: string, limit = Infinity): FeedSlice<TEntry> {
    parseChangeId(id);
    const dropped = this.droppedThrough;
    const expired = dropped !== null && compareChangeIds(id, dropped) < 0;
    const start = this.entries.findIndex(
      (entry) => compareChangeIds(entry.id, id) > 0,
    );
    if (start === -1) return { items: [], expired };
    return { items: this.entries.slice(start, start + limit), expired };
  }

  history(query: HistoryQuery): { items: TEntry[]; nextCursor: string | null } {
    const { cursor, service } = query;
    if (cursor !== undefined) parseChangeId(cursor);
    const older = this.entries.filter(
      (entry) =>
        (service === undefined || entry.service === service) &&
        (cursor === undefined || compareChangeIds(entry.id, cursor) < 0),
    );
    const items = older.slice(-query.limit).reverse();
    const more = older.length > items.length;
    return { items, nextCursor: more ? (items.at(-1)?.id ?? null) : null };
  }
}
