import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceStatus } from '@medianest/status-core';
import {
  VIEWER_TOKEN,
  collect,
  connect,
  startFakeApp,
  type Collected,
} from '../test/harness';
import type { App } from './createApp';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The `medianest_fanout_subscribers` gauge, by path. */
async function fanoutGauge(app: App) {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  const read = (path: string) => {
    const line = new RegExp(
      `^medianest_fanout_subscribers\\{path="${path}"\\} (\\d+)$`,
      'm',
    ).exec(text);
    return line ? Number(line[1]) : NaN;
  };
  return { fast: read('fast'), stock: read('stock') };
}

async function subscribeOnce(streams: 'fanout' | 'stock') {
  const { app, engine } = await startFakeApp({ streams });
  cleanups.push(() => app.close());
  const client = connect(app, VIEWER_TOKEN);
  cleanups.push(() => client.close());
  const events: Collected<{ id: string; data: ServiceStatus }> = collect(
    (handlers) => client.status.onChange.subscribe(undefined, handlers),
  );
  cleanups.push(() => Promise.resolve(events.stop()));
  // The snapshot (two services), then a live change.
  await events.until(2);
  engine.set('plex', 'down');
  await events.until(3);
  return { app, events };
}

describe('fan-out subscribers in /metrics', () => {
  it('counts a real status.onChange subscription on the fast path', async () => {
    const { app, events } = await subscribeOnce('fanout');
    expect(events.items[2]?.data.status).toBe('down');
    expect(await fanoutGauge(app)).toEqual({ fast: 1, stock: 0 });
  });

  it('counts it on the stock path when the fan-out is off', async () => {
    const { app } = await subscribeOnce('stock');
    expect(await fanoutGauge(app)).toEqual({ fast: 0, stock: 1 });
  });
});
