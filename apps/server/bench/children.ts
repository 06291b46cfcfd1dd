import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(benchDir, '..', '..', '..');
export const hasTaskset =
  spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** A child process of the bench, talking over IPC. */
export type Child = ReturnType<typeof startChild>;

/**
 * Starts a bench script under tsx, pinned to `core` when taskset exists so
 * that the server and the clients don't share a core.
 */
export function startChild(opts: {
  script: string;
  args: string[];
  core: number;
  exposeGc?: boolean;
  nodeFlags?: string[];
}) {
  const nodeArgs = [
    ...(opts.exposeGc ? ['--expose-gc'] : []),
    ...(opts.nodeFlags ?? []),
    '--max-old-space-size=4096',
    '--import',
    'tsx',
    join(benchDir, opts.script),
    ...opts.args,
  ];
  const [command, argv] = hasTaskset
    ? ['taskset', ['-c', String(opts.core), process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const child = spawn(command, argv, {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const listeners = new Set<(message: { type: string }) => void>();
  child.on('message', (message: { type: string }) => {
    for (const listener of listeners) listener(message);
  });

  return {
    send: (message: object) => child.send(message),
    on<T extends { type: string }>(type: string, listener: (m: T) => void) {
      listeners.add((m) => {
        if (m.type === type) listener(m as T);
      });
    },
    /** The next message of `type`; rejects on `failed` or an early exit. */
    next<T extends { type: string }>(type: string, timeoutMs = 120_000) {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`no ${type} from ${opts.script}`)),
          timeoutMs,
        );
        const onExit = () => finish(new Error(`${opts.script} exited`));
        const listener = (m: { type: string }) => {
          if (m.type === type) finish(null, m as T);
          if (m.type === 'failed') finish(new Error(JSON.stringify(m)));
        };
        function finish(error: Error | null, value?: T) {
          clearTimeout(timer);
          listeners.delete(listener);
          child.off('exit', onExit);
          if (error) reject(error);
          else resolve(value!);
        }
        listeners.add(listener);
        child.once('exit', onExit);
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
