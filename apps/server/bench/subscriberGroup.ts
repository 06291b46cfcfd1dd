import { startChild, type Child } from './children';

/**
 * N subscribers split over one process per entry of `cores` (at most one
 * per subscriber), each pinned to its core. Every process reports the
 * first and the last of its own subscribers per event; the runner
 * combines them.
 */
export function startSubscriberGroup(opts: {
  clients: string;
  wsUrl: string;
  token: string;
  n: number;
  cores: number[];
}) {
  const { n } = opts;
  // A process with no subscribers never reports an event, so every event
  // would wait for it forever and count as undelivered.
  const cores = opts.cores.slice(0, Math.max(1, n));
  const children: Child[] = cores.map((core, index) => {
    const share =
      Math.floor(n / cores.length) + (index < n % cores.length ? 1 : 0);
    return startChild({
      script: 'benchClients.ts',
      args: [opts.clients, opts.wsUrl, String(share), opts.token],
      core,
    });
  });
  return {
    size: children.length,
    async ready() {
      await Promise.all(children.map((c) => c.next('ready', 300_000)));
    },
    on<T extends { type: string }>(type: string, listener: (m: T) => void) {
      for (const child of children) child.on(type, listener);
    },
    /** Client CPU of every process over the measured span, in µs. */
    async cpu(cmd: 'cpuStart' | 'cpuStop') {
      const replies = children.map((c) =>
        cmd === 'cpuStop'
          ? c.next<{ type: 'cpu'; micros: number }>('cpu')
          : null,
      );
      for (const child of children) child.send({ cmd });
      let micros = 0;
      for (const reply of replies) micros += reply ? (await reply).micros : 0;
      return micros;
    },
    async stop() {
      await Promise.all(children.map((c) => c.stop()));
    },
  };
}
