import { afterEach, describe, expect, it } from 'vitest';
import type { KumaHeartbeat } from '../src/index';
import { getImportantBeatsPaged, IMPORTANT_PAGE_SIZE } from '../src/commands';
import { KumaConnection } from '../src/connection';
import { DIALECTS } from '../src/dialects';
import { silentLogger } from '../src/logger';
import { describeDialects } from './helpers/matrix';
import type { ScriptedServer } from './helpers/scriptedServer';
import { startScripted } from './helpers/scriptedServer';

const PAGE = IMPORTANT_PAGE_SIZE;

/** `n` important beats one minute apart, ending now; `msg` is the index. */
function importantHistory(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    status: 1 as const,
    time: new Date(Date.now() - (n - i) * 60_000),
    msg: String(i),
    important: true,
  }));
}

const indices = (beats: readonly KumaHeartbeat[]) => beats.map((b) => +b.msg);
const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => from + i);

describeDialects(
  'important beats read page by page',
  ({ startSim, client }) => {
    it('returns the newest `limit` across pages, oldest first', async () => {
      const historyBeats = importantHistory(2 * PAGE + 50);
      const sim = await startSim({ monitors: [{ name: 'a', historyBeats }] });
      const kuma = client(sim);
      await kuma.connect();
      const beats = await kuma.getImportantBeats(1, { limit: 2 * PAGE + 30 });
      expect(indices(beats)).toEqual(range(20, 2 * PAGE + 50));
      expect(beats.every((b) => b.important)).toBe(true);
    });

    it('ends on the empty page after an exact multiple of the page size', async () => {
      const historyBeats = importantHistory(2 * PAGE);
      const sim = await startSim({ monitors: [{ name: 'a', historyBeats }] });
      const kuma = client(sim);
      await kuma.connect();
      const all = await kuma.getImportantBeats(1, { limit: 5 * PAGE });
      expect(indices(all)).toEqual(range(0, 2 * PAGE));
      const exact = await kuma.getImportantBeats(1, { limit: 2 * PAGE });
      expect(indices(exact)).toEqual(range(0, 2 * PAGE));
    });
  },
  ['2.x', '3.0'],
);

describe('important beat paging on the wire', () => {
  let server: ScriptedServer | undefined;
  let conn: KumaConnection | undefined;

  afterEach(async () => {
    conn?.close();
    await server?.close();
    conn = server = undefined;
  });

  /** A server that answers each page request with `serve(offset, count)`. */
  async function pagesFrom(serve: (offset: number, count: number) => object[]) {
    server = await startScripted((socket) => {
      socket.on('monitorImportantHeartbeatListPaged', (...args: unknown[]) => {
        const [, offset, count, ack] = args as [
          number,
          number,
          number,
          (answer: unknown) => void,
        ];
        ack({ ok: true, data: serve(offset, count) });
      });
    });
    conn = new KumaConnection({
      url: server.url,
      connectTimeoutMs: 2000,
      logger: silentLogger,
    });
    await conn.open();
    const ctx = { conn, profile: DIALECTS['2.x'], timeoutMs: 2000 };
    return (limit: number) =>
      getImportantBeatsPaged(ctx, { monitorId: 1, limit });
  }

  /** A server that pages `rows` (newest first) and runs `after` each time. */
  const pagesOf = (rows: object[], after?: () => void) =>
    pagesFrom((offset, count) => {
      const page = rows.slice(offset, offset + count);
      after?.();
      return page;
    });

  const requested = () => (server?.received ?? []).map((r) => r.args.slice(1));

  /** Wire rows, newest first, for beats `0..n-1` one minute apart. */
  const rowsFor = (n: number) =>
    importantHistory(n)
      .reverse()
      .map((b) => ({
        monitorID: 1,
        status: 1,
        time: b.time.toISOString().replace('T', ' ').replace('Z', ''),
        msg: b.msg,
        important: 1,
      }));

  it('asks for pages of IMPORTANT_PAGE_SIZE, the last one for the rest', async () => {
    const read = await pagesOf(rowsFor(3 * PAGE));
    expect(indices(await read(2 * PAGE + 30))).toEqual(
      range(PAGE - 30, 3 * PAGE),
    );
    expect(requested()).toEqual([
      [0, PAGE],
      [PAGE, PAGE],
      [2 * PAGE, 30],
    ]);
  });

  it('stops at the first short page, an empty one after an exact multiple', async () => {
    const read = await pagesOf(rowsFor(2 * PAGE));
    expect(await read(10 * PAGE)).toHaveLength(2 * PAGE);
    expect(requested()).toEqual([
      [0, PAGE],
      [PAGE, PAGE],
      [2 * PAGE, PAGE],
    ]);
  });

  it('skips the row repeated when a beat turns important between pages', async () => {
    const rows = rowsFor(2 * PAGE);
    const newest = {
      monitorID: 1,
      status: 1,
      time: '2999-01-01 00:00:00.000',
      msg: '-1',
      important: 1,
    };
    const read = await pagesOf(rows, () => {
      if (rows[0] !== newest) rows.unshift(newest);
    });
    const beats = await read(3 * PAGE);
    expect(indices(beats)).toEqual(range(0, 2 * PAGE));
  });

  it('stops at a full page with nothing older: the offset was ignored', async () => {
    const rows = rowsFor(PAGE);
    let served = 0;
    // Every answer is the first page; the sixth ends the test either way.
    const read = await pagesFrom((_, count) =>
      ++served > 5 ? [] : rows.slice(0, count),
    );
    expect(indices(await read(3 * PAGE))).toEqual(range(0, PAGE));
    expect(requested()).toHaveLength(2);
  });

  it('keeps no more rows of a page than it asked for', async () => {
    const rows = rowsFor(2 * PAGE);
    const read = await pagesFrom((offset) => rows.slice(offset));
    expect(indices(await read(30))).toEqual(range(2 * PAGE - 30, 2 * PAGE));
  });

  it('sends nothing for a limit below one', async () => {
    const read = await pagesOf(rowsFor(3));
    expect(await read(0)).toEqual([]);
    expect(await read(0.5)).toEqual([]);
    expect(requested()).toEqual([]);
  });
});
