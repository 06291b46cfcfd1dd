import { startChild, type Child } from './children';
import { shares } from './benchConfig';
import type { ClientPlacement } from './scenarios';

/**
 * N subscribers split over one process per placement (by its weight),
 * each pinned to its core. Every process reports the first and the last
 * of its own subscribers per event; the runner combines them.
 */
export function startSubscriberGroup(opts: {
  clients: string;
  wsUrl: string;
  token: string;
  n: number;
  placements: ClientPlacement[];
  /** The young generation's semi-space in MB; 0 keeps V8's default. */
  semiSpaceMb: number;
}) {
  const nodeFlags =
    opts.semiSpaceMb > 0 ? [`--max-semi-space-size=${opts.semiSpaceMb}`] : [];
  const counts = shares(
    opts.n,
    opts.placements.map((p) => p.weight),
  );
  // A process with no subscribers never reports an event, so every event
  // would wait for it forever and count as undelivered.
  const children: Child[] = opts.placements
    .map((placement, index) => ({ placement, count: counts[index] ?? 0 }))
    .filter(({ count }) => count > 0)
    .map(({ placement, count }) =>
      startChild({
        script: 'benchClients.ts',
        args: [opts.clients, opts.wsUrl, String(count), opts.token],
        core: placement.core,
        nodeFlags,
      }),
    );
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
