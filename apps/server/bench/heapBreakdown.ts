import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerMode } from './benchServer';
import { startChild } from './children';
import type { FromServer } from './ipc';

/**
 * What an idle subscriber costs the server, by V8 node type and name: a
 * heap snapshot before and after N subscribers connect, self sizes summed
 * and subtracted. `pnpm exec tsx apps/server/bench/heapBreakdown.ts
 * [modes] [n] [clients]`, e.g. `fast,app-fast 1000 trpc`.
 */
const [modesArg = 'fast,app-fast', nArg = '1000', clients = 'trpc'] =
  process.argv.slice(2);
const n = Number(nArg);

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Self sizes summed by `type:name` (closures and objects by their name). */
function sizes(file: string): Map<string, number> {
  const heap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) =>
    fields.indexOf(f),
  ) as [number, number, number];
  const totals = new Map<string, number>();
  for (let i = 0; i < heap.nodes.length; i += width) {
    const type = types[heap.nodes[i + typeAt] ?? 0] ?? '?';
    const rawName = heap.strings[heap.nodes[i + nameAt] ?? 0] ?? '?';
    const name =
      type === 'string' || type === 'concatenated string'
        ? '(strings)'
        : rawName.slice(0, 60);
    const size = heap.nodes[i + sizeAt] ?? 0;
    // HEAP_DETAIL=array: splits that key by object size, to tell them apart.
    const detail = process.env.HEAP_DETAIL === `${type}:${name}`;
    const key = detail ? `${type}:${name} ${size} B` : `${type}:${name}`;
    totals.set(key, (totals.get(key) ?? 0) + size);
  }
  return totals;
}

async function heapUsed(server: ReturnType<typeof startChild>) {
  const reply = server.next<FromServer & { type: 'heap' }>('heap');
  server.send({ cmd: 'heap' });
  return (await reply).heapUsed;
}

async function snapshot(server: ReturnType<typeof startChild>, file: string) {
  const reply = server.next<FromServer & { type: 'snapshot' }>('snapshot');
  server.send({ cmd: 'snapshot', file });
  return (await reply).file;
}

async function breakdown(mode: ServerMode) {
  const server = startChild({
    script: 'benchServer.ts',
    args: [mode],
    core: 0,
    exposeGc: true,
  });
  const files = [join(tmpdir(), `heap-${mode}-0.heapsnapshot`)];
  files.push(files[0]!.replace('-0.', '-1.'));
  try {
    const ready = await server.next<FromServer & { type: 'ready' }>('ready');
    const usedBefore = await heapUsed(server);
    const before = sizes(await snapshot(server, files[0]!));
    const subscribers = startChild({
      script: 'benchClients.ts',
      args: [clients, ready.wsUrl, String(n), ready.token],
      core: 1,
    });
    try {
      await subscribers.next('ready', 300_000);
      const used = ((await heapUsed(server)) - usedBefore) / n / 1024;
      const after = sizes(await snapshot(server, files[1]!));
      const rows = [...after].map(
        ([key, size]) => [key, (size - (before.get(key) ?? 0)) / n] as const,
      );
      rows.sort((a, b) => b[1] - a[1]);
      const total = rows.reduce((sum, [, bytes]) => sum + bytes, 0);
      console.log(
        `\n${mode}: ${(total / 1024).toFixed(2)} KB per subscriber in the ` +
          `snapshots, ${used.toFixed(2)} KB by heapUsed`,
      );
      for (const [key, bytes] of rows.slice(0, 40)) {
        if (Math.abs(bytes) < 16) break;
        console.log(`${bytes.toFixed(0).padStart(7)} B  ${key}`);
      }
    } finally {
      await subscribers.stop();
    }
  } finally {
    await server.stop();
    if (process.env.HEAP_KEEP !== '1') {
      for (const file of files) rmSync(file, { force: true });
    }
  }
}

for (const mode of modesArg.split(',')) await breakdown(mode as ServerMode);
