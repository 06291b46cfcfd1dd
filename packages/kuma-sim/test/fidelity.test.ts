import { afterEach, describe, expect, it } from 'vitest';

import { KumaSim, loadCapture } from '../src/index';
import type { CaptureDialectDir, CaptureLine, SimDialect } from '../src/index';
import { seedFromCapture } from './captureSeed';
import { firstChecksFromCapture } from './firstChecks';
import { replayCapture } from './replay';
import { normalise } from './streamCompare';

const PASSWORD = 'Fidelity12345!x';

interface Case {
  dir: CaptureDialectDir;
  dialect: SimDialect;
  scenario: string;
}

const cases: Case[] = [
  ...['login-password', 'login-token', 'login-failures', 'reconnect'].map(
    (scenario) => ({
      dir: '1.23.16' as const,
      dialect: '1.23' as const,
      scenario,
    }),
  ),
  ...[
    'login-password',
    'login-token',
    'login-failures',
    'reconnect',
    'two-factor',
    'monitor-lifecycle',
    'maintenance',
    'auth-disabled',
  ].map((scenario) => ({
    dir: '2.5.3' as const,
    dialect: '2.x' as const,
    scenario,
  })),
  ...[
    'login-cookie',
    'login-failures',
    'reconnect',
    'sign-out',
    'two-factor',
    'auth-disabled',
    'setup',
    'add-monitors',
  ].map((scenario) => ({
    dir: '3.0' as const,
    dialect: '3.0' as const,
    scenario,
  })),
];

const mainCapture: Record<CaptureDialectDir, string> = {
  '1.23.16': 'login-password',
  '2.5.3': 'login-password',
  '3.0': 'login-cookie',
};

let sim: KumaSim | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('fidelity: capture replay against the simulator', () => {
  it.each(cases)('$dir $scenario', async ({ dir, dialect, scenario }) => {
    const lines = loadCapture(dir, scenario);
    const seedLines = lines.some((l) => l.event === 'monitorList')
      ? lines
      : loadCapture(dir, mainCapture[dir]);
    sim = await KumaSim.start({
      dialect,
      password: PASSWORD,
      monitors: seedFromCapture(seedLines),
      burstPauseMs: 150,
      needsSetup: lines.some((l) => l.event === 'setup'),
      statusPage: hasStatusPage(seedLines),
      firstCheck: firstChecksFromCapture(lines),
    });

    const result = await replayCapture({ lines, sim, password: PASSWORD });
    const spec = { maintenanceListBeforeBeat: dialect !== '1.23' };
    for (const [sock, expected] of result.expected) {
      const want = normalise(expected, spec);
      const got = normalise(result.received.get(sock) ?? [], spec);
      expect({ sock, structure: got.structure }).toEqual({
        sock,
        structure: want.structure,
      });
      expect({ sock, live: got.live }).toEqual({ sock, live: want.live });
    }
  });
});

// Whether the recorded instance had a status page when the burst was sent.
function hasStatusPage(lines: readonly CaptureLine[]): boolean | undefined {
  const list = lines.find((l) => l.event === 'statusPageList');
  if (!list) return undefined;
  return Object.keys(list.args[0] as object).length > 0;
}
