const DATE_KEYS = new Set(['at', 'lastCheck']);

/** JSON text of a status, change or notification; `Date`s become ISO text. */
export function encodeEntry(value: unknown): string {
  return JSON.stringify(value);
}

/** Reverses `encodeEntry`, turning the known date fields back into `Date`s. */
export function decodeEntry<TValue>(text: string): TValue {
  return JSON.parse(text, (key, value: unknown) =>
    DATE_KEYS.has(key) && typeof value === 'string' ? new Date(value) : value,
  ) as TValue;
}
