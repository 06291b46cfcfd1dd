import type { KumaSimOptions } from '@medianest/kuma-sim';
import { KumaSim } from '@medianest/kuma-sim';
import { afterEach, describe } from 'vitest';
import type { KumaClientError, KumaClientOptions } from '../../src/index';
import { KumaClient } from '../../src/index';

export const DIALECTS = ['1.23', '2.x'] as const;
export type Dialect = (typeof DIALECTS)[number];

export const PASSWORD = 'Admin12345!x';

const sims: KumaSim[] = [];
const clients: KumaClient[] = [];

/**
 * Runs the same tests against the simulator in every dialect. Simulators and
 * clients made through the returned helpers are closed after each test.
 */
export function describeDialects(
  title: string,
  body: (kit: DialectKit) => void,
): void {
  describe.each(DIALECTS)(`${title} (Kuma %s)`, (dialect) => {
    afterEach(cleanUp);
    body(kitFor(dialect));
  });
}

export interface DialectKit {
  dialect: Dialect;
  startSim(options?: Omit<KumaSimOptions, 'dialect'>): Promise<KumaSim>;
  client(
    sim: { url: string },
    options?: Partial<KumaClientOptions>,
  ): KumaClient;
}

function kitFor(dialect: Dialect): DialectKit {
  return {
    dialect,
    startSim: async (options = {}) => {
      const sim = await KumaSim.start({ dialect, ...options });
      sims.push(sim);
      return sim;
    },
    client: (sim, options = {}) => {
      const client = new KumaClient({
        url: sim.url,
        username: 'admin',
        password: PASSWORD,
        retry: () => 50,
        ...options,
        timeouts: {
          loginGrace: 200,
          sync: 4000,
          request: 2000,
          ...options.timeouts,
        },
      });
      clients.push(client);
      return client;
    },
  };
}

async function cleanUp(): Promise<void> {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(sims.splice(0).map((s) => s.close()));
}

/** Resolves with the next `error` event. */
export function nextError(client: KumaClient): Promise<KumaClientError> {
  return new Promise((resolve) => client.once('error', resolve));
}

/** Resolves when the client reaches `state`. */
export function reachState(client: KumaClient, state: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = ({ to }: { to: string }) => {
      if (to !== state) return;
      client.off('state', listener);
      resolve();
    };
    client.on('state', listener);
  });
}
