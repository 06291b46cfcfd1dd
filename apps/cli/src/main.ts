import { parseArgs } from 'node:util';
import { EXIT } from './exitCodes';
import { watch } from './watch';

const USAGE = `Usage: pnpm status watch --url <server> [--token <token>]

Commands:
  watch   Live table of every service, redrawn on each change.

Options:
  --url     The status server, e.g. http://127.0.0.1:3000
            (default: $STATUS_URL or http://127.0.0.1:3000)
  --token   Access token (default: $STATUS_TOKEN); omit for public read.
  --help    Show this text.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals[0] !== 'watch' || positionals.length > 1) {
    process.stderr.write(`Unknown or missing command.\n\n${USAGE}\n`);
    return EXIT.usage;
  }

  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  return watch({
    url: values.url ?? process.env.STATUS_URL ?? 'http://127.0.0.1:3000',
    token: values.token ?? process.env.STATUS_TOKEN,
    out: process.stdout,
    err: process.stderr,
    signal: abort.signal,
  });
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(EXIT.usage);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = EXIT.software;
  },
);
