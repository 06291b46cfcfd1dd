import { describe, expect, it } from 'vitest';

import type { SimNewMonitor } from '../src/index';
import { loginClient, simStarter } from './helpers';

const startSim = simStarter({ burstPauseMs: 20 });

const httpPayload = (name: string, url: string) => ({
  type: 'http',
  name,
  url,
  method: 'GET',
  interval: 20,
  retryInterval: 20,
  maxretries: 0,
  timeout: 16,
  notificationIDList: {},
  accepted_statuscodes: ['200-299'],
  conditions: [],
});

describe('KumaSim status pages', () => {
  it('adds and saves a page; the next burst lists it', async () => {
    const s = await startSim({ statusPage: false });
    const client = await loginClient(s);
    expect(
      client.events.find((e) => e.event === 'statusPageList')?.args,
    ).toEqual([{}]);

    expect(await client.request('addStatusPage', 'Media', 'media')).toEqual({
      ok: true,
      msg: 'successAdded',
      msgi18n: true,
      slug: 'media',
    });
    const again = await client.request('addStatusPage', 'Other', 'media');
    expect(again).toMatchObject({ ok: false });

    const groups = [{ name: 'Services', monitorList: [{ id: 1 }] }];
    const config = { slug: 'media', title: 'Media stack', footerText: 'hi' };
    const saved = await client.request(
      'saveStatusPage',
      ...['media', config, '/icon.svg', groups],
    );
    expect(saved).toEqual({
      ok: true,
      publicGroupList: [{ name: 'Services', monitorList: [{ id: 1 }], id: 1 }],
    });
    const missing = await client.request('saveStatusPage', 'nope', {}, '', []);
    expect(missing).toMatchObject({ ok: false });

    const other = await loginClient(s);
    const [list] = other.events.find((e) => e.event === 'statusPageList')
      ?.args as [Record<string, Record<string, unknown>>];
    expect(list['1']).toMatchObject({
      id: 1,
      slug: 'media',
      title: 'Media stack',
      footerText: 'hi',
    });
  });

  it('starts with the kuma-sim page by default', async () => {
    const client = await loginClient(await startSim());
    const [list] = client.events.find((e) => e.event === 'statusPageList')
      ?.args as [Record<string, Record<string, unknown>>];
    expect(Object.values(list).map((p) => p.slug)).toEqual(['kuma-sim']);
  });
});

describe('KumaSim first check of an added monitor', () => {
  it('follows firstCheck: a DOWN start has no ping and null avgPing', async () => {
    const seen: SimNewMonitor[] = [];
    const s = await startSim({
      firstCheck: (monitor) => {
        seen.push(monitor);
        return { status: 0, msg: 'connect ECONNREFUSED 127.0.0.1:1' };
      },
    });
    const client = await loginClient(s);
    const beat = client.next('heartbeat');
    const avgPing = client.next('avgPing');
    await client.request('add', httpPayload('down', 'http://127.0.0.1:1/'));

    const [json] = (await beat) as [Record<string, unknown>];
    expect(json).toMatchObject({
      monitorID: 1,
      status: 0,
      important: true,
      retries: 1,
    });
    expect(json).not.toHaveProperty('ping');
    expect(await avgPing).toEqual([1, null]);
    expect(seen).toEqual([
      expect.objectContaining({
        id: 1,
        type: 'http',
        url: 'http://127.0.0.1:1/',
      }),
    ]);
  });

  it('by default beats UP at once, but a push monitor waits', async () => {
    const client = await loginClient(await startSim());
    const push = {
      ...httpPayload('push', ''),
      type: 'push',
      url: undefined,
      pushToken: 'snZoX94cA3wqeDT3t7b0RFvsIUJdtmw4',
    };
    const pushAck = await client.request('add', push);
    expect(pushAck).toMatchObject({ ok: true, monitorID: 1 });

    const beat = client.next('heartbeat');
    await client.request('add', httpPayload('up', 'http://127.0.0.1:2/'));
    const [json] = (await beat) as [Record<string, unknown>];
    expect(json).toMatchObject({ monitorID: 2, status: 1, ping: 12 });
    const beats = client.events.filter((e) => e.event === 'heartbeat');
    expect(
      beats.map((e) => (e.args[0] as { monitorID: number }).monitorID),
    ).toEqual([2]);
  });
});
