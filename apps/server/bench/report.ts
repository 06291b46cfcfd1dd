import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';
import { hasTaskset, repoRoot } from './children';
import type { BenchConfig, FanoutResult, QueryResult } from './scenarios';

const fmt = (value: number, digits = 1) =>
  Number.isFinite(value) ? value.toFixed(digits) : '–';

function fanoutRow(r: FanoutResult) {
  return [
    r.mode,
    (r.run ?? 1) > 1 ? `${r.subscribers} #${r.run}` : String(r.subscribers),
    `${r.delivered}/${r.sent}`,
    fmt(r.p50Ms),
    fmt(r.p99Ms),
    fmt(r.firstP99Ms),
    fmt(r.writeP99Ms),
    fmt(r.cpuPerDeliveryUs),
    fmt(r.clientCpuPerDeliveryUs),
    fmt(r.clientBusy * 100, 0),
    fmt(r.heapPerSubscriberKb),
  ];
}

function queryRow(r: QueryResult) {
  return [
    r.mode,
    fmt(r.requestsPerSecond, 0),
    fmt(r.p99Ms),
    fmt(r.cpuPerRequestUs, 0),
    String(r.bodyBytes),
    String(r.errors),
  ];
}

const fanoutHead = [
  'server',
  'N',
  'delivered',
  'p50 ms',
  'p99 ms',
  'first p99 ms',
  'write p99 ms',
  'server CPU µs/delivery',
  'client CPU µs/delivery',
  'client core busy %',
  'heap KB/sub',
];
const queryHead = [
  'server',
  'req/s',
  'p99 ms',
  'CPU µs/req',
  'body B',
  'errors',
];

function placement(config: BenchConfig) {
  if (!hasTaskset) return 'taskset missing: processes not pinned';
  const total = config.clientCores.reduce((sum, p) => sum + p.weight, 0);
  const cores = config.clientCores
    .map((p) => `core ${p.core} (${fmt((100 * p.weight) / total, 0)} %)`)
    .join(', ');
  return (
    `server pinned to core 0 with taskset; subscribers in ` +
    `${config.clientCores.length} process(es), share of the subscribers ` +
    `per core: ${cores}; the query load generator on core 1`
  );
}

function semiSpace(config: BenchConfig) {
  const mb = config.clientSemiSpaceMb;
  return mb > 0
    ? `subscriber processes with a ${mb} MB semi-space (\`BENCH_CLIENT_SEMI_SPACE\`)`
    : `subscriber processes with V8's default semi-space`;
}

const loads = (values: number[]) => values.map((l) => fmt(l, 2)).join(', ');

function markdownTable(head: string[], rows: string[][]) {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join(
    '\n',
  );
}

/** The results as plain markdown tables, for the terminal. */
export function renderTable(fanout: FanoutResult[], queries: QueryResult[]) {
  const parts = [];
  if (fanout.length)
    parts.push(markdownTable(fanoutHead, fanout.map(fanoutRow)));
  if (queries.length)
    parts.push(markdownTable(queryHead, queries.map(queryRow)));
  return parts.join('\n\n');
}

function versions() {
  // Read from the server's own node_modules: some packages don't export
  // their package.json.
  const version = (name: string) => {
    const file = join(
      repoRoot,
      'apps/server/node_modules',
      name,
      'package.json',
    );
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string })
      .version;
  };
  return ['@trpc/server', '@trpc/client', 'ws', 'superjson', 'zod']
    .map((name) => `${name} ${version(name)}`)
    .join(', ');
}

/**
 * How long the busiest subscriber process (the one with the largest `share`
 * of the subscribers) spends decoding a broadcast for all of its
 * subscribers, in ms: the last of them can't be served sooner, whatever the
 * server does.
 */
function decodeMs(r: FanoutResult, share: number) {
  return (r.clientCpuPerDeliveryUs * r.subscribers * share) / 1_000;
}

function p99Verdict(r: FanoutResult, raw: FanoutResult, share: number) {
  const ratio = r.p99Ms / raw.p99Ms;
  const ok = r.delivered === r.sent && ratio <= 1.5;
  const cpu = r.cpuPerDeliveryUs / raw.cpuPerDeliveryUs;
  const decode = decodeMs(r, share);
  const rawDecode = decodeMs(raw, share);
  const busy = (x: FanoutResult) => fmt(x.clientBusy * 100, 0);
  return (
    `p99 ${fmt(ratio, 2)}× raw ws (${r.delivered}/${r.sent} delivered) — ` +
    `target ≤ 1.5×: ${ok ? 'met' : 'NOT met'}; server CPU per delivery ` +
    `${fmt(cpu, 2)}× raw; subscriber cores busy ${busy(r)} % ` +
    `(raw ${busy(raw)} %); the subscribers' own decoding takes ` +
    `${fmt(decode, 0)} ms per broadcast (raw ${fmt(rawDecode, 0)} ms), ` +
    `${fmt(decode / rawDecode, 2)}× raw before any queueing`
  );
}

function fanoutVerdicts(fanout: FanoutResult[], config: BenchConfig) {
  const n = Math.max(...fanout.map((r) => r.subscribers));
  const atN = fanout.filter((r) => r.subscribers === n);
  const weights = config.clientCores.map((p) => p.weight);
  const share = Math.max(...weights) / weights.reduce((a, b) => a + b, 0);
  const lines: string[] = [];
  for (const run of [...new Set(atN.map((r) => r.run ?? 1))]) {
    const rows = atN.filter((r) => (r.run ?? 1) === run);
    const raw = rows.find((r) => r.mode === 'raw');
    const label = run > 1 ? ` (run ${run})` : '';
    for (const r of rows) {
      if (!raw || r.mode === 'raw') continue;
      lines.push(`- ${r.mode} at ${n}${label}: ${p99Verdict(r, raw, share)}`);
    }
  }
  // At the largest N the fixed per-process cost is spread thinnest.
  for (const mode of ['fast', 'stock', 'app-fast', 'app-stock']) {
    const heap = atN.find((r) => r.mode === mode)?.heapPerSubscriberKb;
    if (heap === undefined) continue;
    lines.push(
      `- heap per idle subscriber at ${n}, ${mode}: ${fmt(heap)} KB — target < 20 KB: ${heap < 20 ? 'met' : 'NOT met'}`,
    );
  }
  return lines;
}

function queryVerdicts(queries: QueryResult[]) {
  const lines: string[] = [];
  // Each server against the bare handler serving the same list.
  const pairs = [
    ['http-trpc', 'http-bare'],
    ['http-app', 'http-bare'],
    ['http-app-stock', 'http-bare'],
  ] as const;
  for (const [mode, baseline] of pairs) {
    const q = queries.find((r) => r.mode === mode);
    const bare = queries.find((r) => r.mode === baseline);
    if (!q || !bare) continue;
    const ratio = q.requestsPerSecond / bare.requestsPerSecond;
    lines.push(
      `- status.list, ${mode} ÷ ${baseline}: ${fmt(ratio, 2)}× — target ≥ 0.7×: ${ratio >= 0.7 ? 'met' : 'NOT met'}`,
    );
  }
  // Each server process builds its own engine (its own timestamps), so the
  // bodies are compared in apps/server/src/fastList.test.ts, not here.
  return lines;
}

function verdicts(input: {
  config: BenchConfig;
  fanout: FanoutResult[];
  queries: QueryResult[];
}) {
  const { config, fanout, queries } = input;
  const lines = [...fanoutVerdicts(fanout, config), ...queryVerdicts(queries)];
  return lines.join('\n');
}

/** BENCHMARKS.md: results, the machine, versions and how to reproduce. */
export function renderMarkdown(input: {
  config: BenchConfig;
  fanout: FanoutResult[];
  queries: QueryResult[];
  seconds: number;
  /** \`os.loadavg()\` when the run started. */
  loadAtStart: number[];
}) {
  const { config, fanout, queries, seconds, loadAtStart } = input;
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `# Benchmarks

Generated by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)} in ${seconds} s.

- Machine: ${cpus().length} × ${cpu}, ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}.
- Versions: ${versions()}.
- Load average (1, 5, 15 min) at the start: ${loads(loadAtStart)}; at the end: ${loads(loadavg())} (other work on the machine skews absolute numbers, less so ratios).
- Placement: ${placement(config)}.
- Settings: ${config.rate} broadcasts/s for ${config.broadcastSeconds} s per point (after 5 warm-up broadcasts); queries from ${config.concurrency} keep-alive connections for ${config.httpSeconds} s; ${semiSpace(config)}.

## Against the targets

${verdicts(input)}

The fast paths, and when they step aside: the last section, and
\`apps/server/src/fanout/README.md\`.

## Fan-out: one status change to N subscribers

Latency runs from the server starting a broadcast to the LAST subscriber's
callback (\`p50\`, \`p99\`) and to the FIRST one (\`first p99\`); \`write p99\`
is how long the server's publish call took to hand every frame to its
socket. All processes read the same monotonic clock. The server is one
child process; the N subscribers share one process per core listed in
\`BENCH_CLIENT_CORES\` (one, on core 1, unless set; \`1:2,0:1\` puts two
thirds on core 1 and a third beside the server), which reports its
first and last subscriber of each event. \`client core busy\` is the share
of those cores the subscriber processes used while measured: near 100 %,
the last subscriber waits for its own process to decode everything that
arrived before it, whatever the server does.

A subscriber process holds thousands of clients, whose garbage thousands
of browser heaps would collect separately. With V8's default 16 MB young
generation, 5,000 \`wsLink\` subscribers make it scavenge every 65 ms or
so and promote objects still in flight, which the old generation then
marks in steps of up to 28 ms; those pauses, not the server, set the p99
(\`BENCH_CLIENT_SEMI_SPACE=0\` shows it). The subscriber processes get a
64 MB semi-space, raw and tRPC alike; the servers keep V8's defaults.

- \`raw\`: a plain \`ws\` server sending one \`JSON.stringify\` of the event to
  every socket; clients \`JSON.parse\` each frame.
- \`raw/sj\`: the same with \`superjson\` on both ends (the decoding a stock
  \`wsLink\` client does for its payload), without tRPC's envelope.
- \`stock\`: the bench router's subscription written by the stock ws adapter
  (one serialization per subscriber), stock \`wsLink\` + superjson clients.
- \`fast\`: the same router served by \`applyFanoutWSSHandler\`: one
  serialization and one WebSocket frame per broadcast, stock \`wsLink\`
  clients. \`fast/json\`: the same server with clients that speak tRPC's wire
  protocol and only \`JSON.parse\` each frame, as the raw clients do.
- \`app-stock\`, \`app-fast\`: the real server (\`createApp\`: auth, metrics,
  keep-alive, the real \`status.onChange\` with its 20-status snapshot) in
  front of the test suite's in-memory engine, with the fan-out off and on.

Every server broadcasts the same status object
(\`apps/server/bench/payload.ts\`: a Kuma-backed service with two monitors,
301 bytes of JSON when up, 353 when down), changing on each broadcast.

Server and client CPU are \`process.cpuUsage()\` over the measured
broadcasts divided by deliveries; heap is \`heapUsed\` after \`global.gc()\`
with N idle subscribers minus before, divided by N
(\`apps/server/bench/heapBreakdown.ts\` splits it by V8 object type).

${markdownTable(fanoutHead, fanout.map(fanoutRow))}

## Queries: \`status.list\` (20 statuses)

Requests/s from a keep-alive \`http.Agent\` load generator in its own process,
at the URL a stock \`httpBatchLink\` client requests.
\`http-bare\`: a \`node:http\` handler returning \`JSON.stringify\` of the bench
list per request. \`http-trpc\`: the tRPC standalone handler with the bench
router. \`http-app\`: the real server over the same 20 statuses, whose
\`status.list\` fast path (\`apps/server/src/fastList.ts\`) answers with
the body tRPC would send, serialized once per change. \`http-app-stock\`: the real server with the
fast path off (\`createApp({ fastList: false })\`): tRPC answers.

${markdownTable(queryHead, queries.map(queryRow))}

## How the fast paths work, and when they step aside

- Fan-out (\`apps/server/src/fanout/README.md\`): tRPC's ws adapter still
  accepts connections, runs \`createContext\`, auth and input validation, and
  writes \`started\`, \`stopped\`, errors and notifications. Each change is
  serialized once and written as one pre-built WebSocket frame per group
  of subscribers. It steps aside (the stock adapter writes everything) when
  \`@trpc/server\` is not the verified version, an encoder is set, or its
  start-up self-test fails, and per subscriber when it cannot claim the
  subscription's id. Direct frame writes step aside for \`socket.send()\`
  unless \`ws\` is major 8 and passes its self-test, and per socket when
  \`ws\` holds queued data or compression was negotiated.
  \`medianest_fanout_subscribers{path="fast"|"stock"}\` shows which path
  subscribers took.
- \`status.list\`: only a GET of \`status.list\` alone in its batch with no
  input and no streaming (\`trpc-accept\`, \`accept: application/jsonl\`) and no
  content type, from a caller the authenticator accepts, is answered
  before tRPC; refused callers, engine errors and anything else go to tRPC.
  The body is rebuilt when the newest change id or any listed status object
  differs, or after 1 s. \`medianest_status_list_responses_total{path}\`
  counts both paths.
- Keep-alive: one server-wide timer pings silent connections
  (\`apps/server/src/keepAlive.ts\`) instead of tRPC's two timers per
  connection.

## Reproduce

\`\`\`sh
pnpm install
pnpm bench                 # full run, rewrites BENCHMARKS.md
BENCH_QUICK=1 pnpm bench   # 2 s per point
BENCH_SIZES=1000 BENCH_MODES=raw,fast BENCH_SECONDS=5 BENCH_WRITE=0 pnpm bench
BENCH_REPEAT=2 pnpm bench  # the largest size's points twice
BENCH_CLIENT_CORES=1,2,3 pnpm bench  # subscribers over three cores
BENCH_CLIENT_CORES=1:2,0:1 pnpm bench  # a third beside the server
BENCH_CLIENT_SEMI_SPACE=0 pnpm bench  # subscribers with V8's default heap
BENCH_RATE=5 pnpm bench    # 5 broadcasts/s instead of 10
pnpm exec tsx apps/server/bench/heapBreakdown.ts fast,app-fast 2000 trpc
\`\`\`

Absolute numbers are this machine's; compare the ratios measured in one run.
`;
}
