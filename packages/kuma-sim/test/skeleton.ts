/**
 * The "type skeleton" of a JSON value: its structure and JSON types, with
 * values dropped. Objects keep their key order; an array becomes the set of
 * its distinct element skeletons, so row counts do not matter.
 */
export function skeleton(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const kinds = [...new Set(value.map(skeleton))].sort();
    return `[${kinds.join('|')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${k}:${skeleton(v)}`).join(',')}}`;
  }
  return typeof value;
}

/**
 * The skeleton of an event's arguments; `certInfo`'s JSON string is also
 * parsed, so its nested shape is compared too.
 */
export function eventSkeleton(event: string, args: unknown[]): string {
  const parts = args.map((arg, i) => {
    if (event === 'certInfo' && i === 1 && typeof arg === 'string') {
      return `json${skeleton(JSON.parse(arg))}`;
    }
    return skeleton(arg);
  });
  return `(${parts.join(', ')})`;
}
