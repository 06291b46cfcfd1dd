import { parseArgs } from 'node:util';

import { startBeatLoop } from './beatLoop';
import { demoMonitors, MEDIANEST_MONITORS } from './demoMonitors';
import { KumaSim } from './kumaSim';
import type { SimDialect, SimMonitorInit } from './types';

const HELP = `Usage: pnpm kuma-sim [options]

  --port <n>         port to listen on (default 3001; 0 picks a free one)
  --dialect <d>      1.23 | 2.x | 3.0 (default 2.x)
  --monitors <n>     number of demo monitors (default 20)
  --interval <s>     beat interval of every monitor in seconds
  --username <u>     login name (default admin)
  --password <p>     password (default Admin12345!x)
  --auth-disabled    log every socket in automatically
  --jwt-secret <s>   key the JWTs are signed with (default
                     $KUMA_SIM_JWT_SECRET, else a random one per start);
                     start again with the same key and the tokens printed
                     before still log in, as on a Kuma that was restarted
  --medianest        also create the MediaNest example services
  --help             show this text`;

function options() {
  return parseArgs({
    options: {
      port: { type: 'string', default: '3001' },
      dialect: { type: 'string', default: '2.x' },
      monitors: { type: 'string', default: '20' },
      interval: { type: 'string' },
      username: { type: 'string', default: 'admin' },
      password: { type: 'string', default: 'Admin12345!x' },
      'auth-disabled': { type: 'boolean', default: false },
      'jwt-secret': { type: 'string' },
      medianest: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }).values;
}

function dialectOf(value: string): SimDialect {
  if (value === '1.23' || value === '2.x' || value === '3.0') return value;
  throw new Error(`--dialect must be 1.23, 2.x or 3.0, got '${value}'`);
}

// An empty variable counts as unset, as the shell's `VAR= cmd` idiom means.
function envSecret(): string | undefined {
  const value = process.env.KUMA_SIM_JWT_SECRET;
  return value === '' ? undefined : value;
}

/** The command's own output: what it prints is its interface, not a log. */
function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const args = options();
  if (args.help) return void say(HELP);
  const interval =
    args.interval === undefined ? undefined : Number(args.interval);
  const monitors: SimMonitorInit[] = [
    ...(args.medianest ? MEDIANEST_MONITORS : []),
    ...demoMonitors(Number(args.monitors), interval),
  ].map((m) => (interval === undefined ? m : { ...m, interval }));

  const sim = await KumaSim.start({
    dialect: dialectOf(args.dialect),
    port: Number(args.port),
    username: args.username,
    password: args.password,
    authDisabled: args['auth-disabled'],
    jwtSecret: args['jwt-secret'] ?? envSecret(),
    monitors,
  });
  const stop = startBeatLoop(sim, {
    monitors: sim.monitorIds().map((id, i) => ({
      id,
      interval: monitors[i]?.interval ?? 20,
    })),
  });

  const shutdown = (signal: string): void => {
    say(`\n${signal}: stopping kuma-sim`);
    stop();
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  // Announce only once the signal handlers are in place: whoever reads the
  // URL may stop the process at once.
  say(`kuma-sim (${sim.dialect}) listening on ${sim.url}`);
  say(`  username: ${args.username}  password: ${args.password}`);
  // 3.0 has no JWTs: clients sign in at /api/auth/sign-in/username.
  if (sim.dialect !== '3.0') say(`  jwt: ${sim.jwt}`);
  say(`  ${monitors.length} monitors; Ctrl+C to stop`);

  // The beat timers are unref'd; this keeps the process alive until a signal.
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
