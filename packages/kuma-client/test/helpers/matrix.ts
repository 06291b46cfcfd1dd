import type { KumaSimOptions } from '@medianest/kuma-sim';
import { KumaSim } from '@medianest/kuma-sim';
import { afterEach, describe } from 'vitest';
import type { KumaClientError, KumaClientOptions } from '../../src/index';
import { KumaClient } from '../../src/index';

export const DIALECTS = ['1.23', '2.x', '3.0'] as const;
export type Dialect = (typeof DIALECTS)[number];
/** The dialects that log in over the socket (login, loginByToken, JWT). */
export const SOCKET_LOGIN_DIALECTS = ['1.23', '2.x'] as const;

export const PASSWORD = 'Admin12345!x';

const VERSIONS: Record<Dialect, string> = {
  '1.23': '1.23.16',
  '2.x': '2.5.3',
  '3.0': '3.0.0-beta.0',
};

const sims: KumaSim[] = [];
const clients: KumaClient[] = [];

/**
 * Runs the same tests against the simulator in every dialect. Simulators and
 * clients made through the returned helpers are closed after each test.
 */
export function describeDialects(
  title: string,
  body: (kit: DialectKit) => void,
  dialects: readonly Dialect[] = DIALECTS,
): void {
  describe.each(dialects)(`${title} (Kuma %s)`, (dialect) => {
    afterEach(cleanUp);
    body(kitFor(dialect));
  });
}

export interface DialectKit {
  dialect: Dialect;
  /** The version the simulator reports by default in this dialect. */
  version: string;
  /** Counters of one password authentication in this dialect. */
  passwordAuth: { login: number; signIn: number };
  startSim(options?: Omit<KumaSimOptions, 'dialect'>): Promise<KumaSim>;
  client(
    sim: { url: string },
    options?: Partial<KumaClientOptions>,
  ): KumaClient;
}

function kitFor(dialect: Dialect): DialectKit {
  return {
    dialect,
    version: VERSIONS[dialect],
    passwordAuth:
      dialect === '3.0' ? { login: 0, signIn: 1 } : { login: 1, signIn: 0 },
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
          signOut: 1000,
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
