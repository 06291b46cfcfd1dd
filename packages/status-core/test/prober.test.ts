import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createStatusEngine } from '../src/createStatusEngine';
import { parseConfig } from '../src/loadConfig';
import { probeHealthUrl } from '../src/probeHealthUrl';
import type { StatusEngine } from '../src/StatusEngine';
import { Recorder } from './engineHelpers';
import { beat, FakeSource, monitor } from './fakeSource';
import { refusedUrl, startServer } from './httpServers';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function server(handle: (res: ServerResponse) => void): Promise<string> {
  const started = await startServer(handle);
  closers.push(started.close);
  return started.url;
}

const ok = (res: ServerResponse) => res.end('ok');
const fail = (res: ServerResponse) => {
  res.statusCode = 500;
  res.end('broken');
};
const slow = (res: ServerResponse) => {
  setTimeout(() => res.end('late'), 300);
};
const hang = () => undefined;

function probe(url: string, slowMs = 2_000, timeoutMs = 5_000) {
  return probeHealthUrl({
    url,
    timeoutMs,
    slowMs,
    fetch,
    clock: Date.now,
  });
}

describe('probeHealthUrl against real servers', () => {
  it('2xx is up', async () => {
    const result = await probe(await server(ok));
    expect(result.status).toBe('up');
    expect(result.responseTime).toBeTypeOf('number');
  });
  it('500 is down', async () => {
    expect(await probe(await server(fail))).toMatchObject({
      status: 'down',
      message: 'Health check answered HTTP 500',
    });
  });
  it('slow is degraded', async () => {
    const result = await probe(await server(slow), 200);
    expect(result.status).toBe('degraded');
    expect(result.responseTime).toBeGreaterThanOrEqual(290);
  });
  it('hanging times out as down', async () => {
    const started = Date.now();
    const result = await probe(await server(hang), 2_000, 500);
    expect(result).toMatchObject({
      status: 'down',
      message: 'Health check timed out after 500 ms',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
  it('refused is down', async () => {
    const result = await probe(await refusedUrl());
    expect(result.status).toBe('down');
    expect(result.message).toMatch(/ECONNREFUSED/);
  });
});

describe('fallback probing in the engine', () => {
  const engines: StatusEngine[] = [];
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.stop()));
  });

  async function setup() {
    let inFlight = 0;
    let peak = 0;
    const counting =
      (inner: (res: ServerResponse) => void) => (res: ServerResponse) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        res.on('close', () => inFlight--);
        setTimeout(() => inner(res), 50);
      };
    const urls = {
      up: await server(counting(ok)),
      broken: await server(counting(fail)),
      slow: await server(
        counting((res) => setTimeout(() => res.end('late'), 700)),
      ),
      hang: await server(counting(hang)),
      refused: await refusedUrl(),
    };
    const source = new FakeSource();
    source.state = 'connecting';
    const services = Object.entries(urls).map(([id, healthUrl]) => ({
      id,
      displayName: id,
      monitors: [{ monitorName: id }],
      healthUrl,
    }));
    services.push({
      id: 'nourl',
      displayName: 'nourl',
      monitors: [{ monitorName: 'nourl' }],
    } as never);
    const engine = createStatusEngine({
      source,
      config: parseConfig({
        services,
        engine: {
          gracePeriodMs: 50,
          probeIntervalMs: 60_000,
          probeTimeoutMs: 1_200,
          probeSlowMs: 500,
          probeConcurrency: 2,
        },
      }),
    });
    engines.push(engine);
    return { engine, source, recorder: new Recorder(engine), peak: () => peak };
  }

  it('probes after the grace period with bounded concurrency', async () => {
    const { engine, recorder, peak } = await setup();
    await engine.start();
    expect(engine.health().mode).toBe('starting');
    await recorder.until(
      () => recorder.changes.length === 6,
      'six probe statuses',
    );
    const byService = Object.fromEntries(
      (await engine.list()).map((s) => [s.service, [s.status, s.source]]),
    );
    expect(byService).toEqual({
      up: ['up', 'probe'],
      broken: ['down', 'probe'],
      slow: ['degraded', 'probe'],
      hang: ['down', 'probe'],
      refused: ['down', 'probe'],
      nourl: ['unknown', 'cache'],
    });
    expect(engine.health().mode).toBe('probe');
    expect(peak()).toBeLessThanOrEqual(2);
  });

  it('stops probing when the source is ready and Kuma data wins', async () => {
    const { engine, source, recorder } = await setup();
    await engine.start();
    await recorder.until(() => recorder.changes.length === 6);
    source.setMonitors([monitor({ id: 1, name: 'up' })]);
    source.beat(
      beat({ monitorId: 1, status: 0, msg: 'down per Kuma', time: new Date() }),
    );
    source.setState('ready');
    await recorder.until(() =>
      recorder.changes.some(
        (c) => c.status.source === 'kuma' && c.service === 'up',
      ),
    );
    expect(engine.health().mode).toBe('kuma');
    // A probe round now must not overwrite what Kuma said.
    const before = recorder.changes.length;
    const refreshed = await engine.refresh();
    expect(refreshed.mode).toBe('kuma');
    expect(await engine.get('up')).toMatchObject({
      status: 'down',
      source: 'kuma',
      message: 'down per Kuma',
    });
    expect(
      recorder.changes.slice(before).every((c) => c.status.source === 'kuma'),
    ).toBe(true);
  });

  it('drops a probe round that Kuma overtook', async () => {
    const { engine, source, recorder } = await setup();
    await engine.start();
    await recorder.until(
      () => engine.health().mode === 'probe' && recorder.changes.length === 6,
    );
    // Joins the first round until it is over; the next one starts fresh.
    await engine.refresh();
    const round = engine.refresh();
    source.setMonitors([monitor({ id: 1, name: 'hang' })]);
    source.beat(beat({ monitorId: 1, status: 1, time: new Date() }));
    source.setState('ready');
    expect((await round).changed).toEqual([]);
    expect(await engine.get('hang')).toMatchObject({
      status: 'up',
      source: 'kuma',
    });
  });

  it('refresh probes at once while in fallback', async () => {
    const { engine, recorder } = await setup();
    await engine.start();
    await recorder.until(
      () => engine.health().mode === 'probe' && recorder.changes.length === 6,
    );
    const result = await engine.refresh();
    expect(result.mode).toBe('probe');
    expect(Array.isArray(result.changed)).toBe(true);
  });
});
