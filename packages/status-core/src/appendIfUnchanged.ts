import type { Redis } from 'ioredis';
import { encodeEntry } from './serialize';
import type { UnsharedEntries } from './StatusStore';

// Appends both feeds' entries only while each stream's last id is still
// the one expected ('' for none) or the stream is gone; ARGV: the two ids,
// MAXLEN, how many of the (id, service, data) triples are changes, the
// triples. A stream's last-generated-id counts deleted entries too, so
// every XADD below is newer than it and none can fail half-way.
const SCRIPT = `
local function unchanged(key, expected)
  if redis.call('EXISTS', key) == 0 then return true end
  local info = redis.call('XINFO', 'STREAM', key)
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then return info[i + 1] == expected end
  end
  return false
end
if not (unchanged(KEYS[1], ARGV[1]) and unchanged(KEYS[2], ARGV[2])) then
  return 0
end
local changes = tonumber(ARGV[4])
for i = 5, #ARGV, 3 do
  local key = KEYS[2]
  if (i - 5) / 3 < changes then key = KEYS[1] end
  redis.call('XADD', key, 'MAXLEN', '~', ARGV[3],
    ARGV[i], 'service', ARGV[i + 1], 'data', ARGV[i + 2])
end
return 1`;

/**
 * `StatusStore.appendIfUnchanged` over the two feed streams: one script,
 * so that no other writer comes between the check and the appends.
 */
export async function appendIfUnchanged(
  redis: Redis,
  opts: {
    keys: { changes: string; notifications: string };
    /** Approximate length of the streams (XADD MAXLEN ~). */
    historySize: number;
    entries: UnsharedEntries;
  },
): Promise<boolean> {
  const { keys, entries } = opts;
  const triples = [...entries.changes, ...entries.notifications].flatMap(
    ({ id, ...entry }) => [id, entry.service, encodeEntry(entry)],
  );
  const reply = await redis.eval(
    SCRIPT,
    2,
    keys.changes,
    keys.notifications,
    entries.after.change ?? '',
    entries.after.notification ?? '',
    opts.historySize,
    entries.changes.length,
    ...triples,
  );
  return reply === 1;
}
