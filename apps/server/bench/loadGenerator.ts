import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import superjson from 'superjson';
import type { BenchRouter } from './benchRouter';
import { toParent } from './ipc';

/** Requests `status.list` from C connections for D ms, then reports. */
const [base, kind, concurrencyArg, durationArg, token] = process.argv.slice(
  2,
) as [string, string, string, string, string];
const concurrency = Number(concurrencyArg);
const headers = { authorization: `Bearer ${token}` };
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

/** The URL a stock httpBatchLink client requests for `status.list`. */
async function listUrl() {
  if (kind === 'bare') return `${base}/status.list`;
  let seen = '';
  const client = createTRPCClient<BenchRouter>({
    links: [
      httpBatchLink({
        url: base,
        transformer: superjson,
        headers,
        fetch: (input, init) => {
          seen = input instanceof Request ? input.url : input.toString();
          return fetch(input, init);
        },
      }),
    ],
  });
  const list = await client.status.list.query();
  if (list.length !== 20) {
    throw new Error('status.list answered something else');
  }
  return seen;
}

function once(url: string) {
  return new Promise<Buffer>((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(Buffer.concat(chunks))
          : reject(new Error(String(res.statusCode))),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function main() {
  const url = await listUrl();
  const latencies: number[] = [];
  let errors = 0;
  let body: Buffer = Buffer.alloc(0);
  const deadline = performance.now() + Number(durationArg);
  const worker = async () => {
    while (performance.now() < deadline) {
      const start = performance.now();
      try {
        body = await once(url);
        latencies.push(performance.now() - start);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  latencies.sort((a, b) => a - b);
  const p99Ms = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
  toParent({
    type: 'done',
    requests: latencies.length,
    errors,
    p99Ms,
    bodyBytes: body.length,
    bodyHash: createHash('sha256').update(body).digest('hex'),
  });
}

process.on('disconnect', () => process.exit(0));
void main();
