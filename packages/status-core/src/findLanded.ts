import type { FeedSlice } from './engineApi';
import { encodeEntry } from './serialize';

/**
 * Which of `published` (oldest first, not known to be stored) the store
 * holds already, each paired with the store's copy: a write whose reply
 * never came, after a timeout, may have landed all the same, under its
 * own id or a fresh one. `read` gives the store's entries after the last
 * one known there, at most `limit`; they are matched with `published`
 * from the start, by content, until the first that differs, which is
 * another writer's.
 */
export async function findLanded<TEntry extends { id: string }>(
  published: readonly TEntry[],
  read: (limit: number) => Promise<FeedSlice<TEntry>>,
): Promise<[own: TEntry, stored: TEntry][]> {
  // Nothing to look for; a limit of 0 would read everything to Redis.
  if (published.length === 0) return [];
  const { items } = await read(published.length);
  const landed: [TEntry, TEntry][] = [];
  for (const stored of items) {
    const own = published[landed.length];
    if (own === undefined || content(own) !== content(stored)) break;
    landed.push([own, stored]);
  }
  return landed;
}

function content({ id: _id, ...entry }: { id: string }): string {
  return encodeEntry(entry);
}
