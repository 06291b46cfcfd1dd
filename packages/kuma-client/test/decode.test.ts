import { describe, expect, it } from 'vitest';
import {
  decodeAvgPing,
  decodeCertInfo,
  decodeHeartbeat,
  decodeHeartbeatList,
  decodeImportantList,
  decodeInfo,
  decodeMonitorDelete,
  decodeMonitorList,
  decodeMonitorUpdate,
  decodeUptime,
} from '../src/decode';
import { KumaClientError } from '../src/errors';
import { parseKumaTime } from '../src/schemas';
import { CAPTURE_NAMES, pushes, readCapture } from './helpers/captures';

const ALL = [
  ...CAPTURE_NAMES['2.x'],
  ...CAPTURE_NAMES['1.23'],
  ...CAPTURE_NAMES['3.0'],
];

describe.each(ALL)('every push of %s decodes', (name) => {
  const decoders = {
    monitorList: decodeMonitorList,
    updateMonitorIntoList: decodeMonitorUpdate,
    deleteMonitorFromList: decodeMonitorDelete,
    heartbeat: decodeHeartbeat,
    heartbeatList: decodeHeartbeatList,
    importantHeartbeatList: decodeImportantList,
    avgPing: decodeAvgPing,
    uptime: decodeUptime,
    certInfo: decodeCertInfo,
    info: decodeInfo,
  } as const;

  it.each(Object.keys(decoders))('%s', (event) => {
    const decode = decoders[event as keyof typeof decoders];
    for (const args of pushes(name, event)) {
      expect(() => decode(args)).not.toThrow();
    }
  });
});

describe('monitorList', () => {
  it('normalises a 2.5.3 monitor', () => {
    const [args] = pushes('2.5.3/login-password', 'monitorList');
    const monitors = decodeMonitorList(args!);
    expect(monitors.map((m) => m.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(monitors[3]).toEqual({
      id: 4,
      name: 'd-tcp-port',
      description: null,
      type: 'port',
      active: true,
      url: null,
      hostname: '127.0.0.1',
      port: 18080,
      interval: 20,
      retryInterval: 20,
      maxretries: 0,
      parent: null,
      pathName: 'd-tcp-port',
      tags: [],
      maintenance: false,
    });
  });

  it('normalises 1.23 monitors, which lack the 2.x fields', () => {
    const [args] = pushes('1.23.16/login-password', 'monitorList');
    const monitors = decodeMonitorList(args!);
    expect(monitors).toHaveLength(7);
    expect(monitors[6]).toMatchObject({ id: 7, name: 'bad3', url: 'http://x' });
  });

  it('keeps tags of both shapes (1.23 adds the row id)', () => {
    const monitor = {
      id: 1,
      name: 'plex',
      type: 'http',
      active: false,
      interval: 20,
      tags: [
        {
          id: 9,
          tag_id: 2,
          monitor_id: 1,
          value: null,
          name: 'media',
          color: '#f00',
        },
      ],
    };
    const [decoded] = decodeMonitorList([{ '1': monitor }]);
    expect(decoded).toMatchObject({
      active: false,
      tags: [{ tagId: 2, name: 'media', value: '', color: '#f00' }],
    });
  });

  it('reports a missing name as a protocol error naming the path', () => {
    const error = catchError(() =>
      decodeMonitorList([
        { '1': { id: 1, type: 'http', active: true, interval: 20 } },
      ]),
    );
    expect(error).toMatchObject({ code: 'PROTOCOL', event: 'monitorList' });
    expect(error.reason).toContain('1.name');
  });
});

describe('heartbeats', () => {
  it('reads a live 2.x beat with numeric id and UTC time', () => {
    const args = pushes('2.5.3/login-password', 'heartbeat')[0]!;
    const beat = decodeHeartbeat(args);
    expect(beat).toEqual({
      monitorId: 1,
      status: 1,
      time: new Date('2026-12-03T16:49:57.562Z'),
      msg: '200 - OK',
      ping: 5,
      important: false,
      retries: 0,
    });
  });

  it('reads a failed 1.23 beat without ping as ping null', () => {
    const beat = pushes('1.23.16/login-password', 'heartbeat')
      .map(decodeHeartbeat)
      .find((b) => b.monitorId === 5 && b.status === 0)!;
    expect(beat).toMatchObject({ ping: null, important: true, duration: 1100 });
    expect(beat.retries).toBeUndefined();
  });

  it('reads maintenance beats (status 3)', () => {
    const beat = pushes('2.5.3/maintenance', 'heartbeat')
      .map(decodeHeartbeat)
      .find((b) => b.status === 3)!;
    expect(beat).toMatchObject({
      monitorId: 1,
      msg: 'Monitor under maintenance',
      ping: null,
      important: true,
    });
  });

  it('reads heartbeatList rows: string id, important 0/1, oldest first', () => {
    const list = decodeHeartbeatList(
      pushes('2.5.3/login-password', 'heartbeatList')[0]!,
    );
    expect(list.monitorId).toBe(1);
    expect(list.overwrite).toBe(false);
    expect(list.beats).toHaveLength(39);
    expect(list.beats[0]).toMatchObject({
      monitorId: 1,
      important: true,
      time: new Date('2026-12-03T16:36:24.263Z'),
    });
    expect(list.beats[1]!.important).toBe(false);
    const times = list.beats.map((b) => b.time.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('reads 1.23 importantHeartbeatList rows', () => {
    const list = decodeImportantList(
      pushes('1.23.16/login-password', 'importantHeartbeatList')[1]!,
    );
    expect(list).toMatchObject({ monitorId: 2, overwrite: false });
    expect(list.beats[0]).toMatchObject({ status: 0, important: true });
  });

  it('rejects a beat with a string status or a bad time', () => {
    const base = {
      monitorID: 1,
      time: '2026-12-03 16:19:19.705',
      important: false,
    };
    expect(
      catchError(() => decodeHeartbeat([{ ...base, status: '1' }])).code,
    ).toBe('PROTOCOL');
    expect(
      catchError(() =>
        decodeHeartbeat([{ ...base, status: 1, time: 'yesterday' }]),
      ).reason,
    ).toContain('time');
    expect(catchError(() => decodeHeartbeat([{ monitorID: 'x' }])).event).toBe(
      'heartbeat',
    );
  });

  it('parses times with and without milliseconds as UTC', () => {
    expect(parseKumaTime('2026-12-03 16:19:19.705').toISOString()).toBe(
      '2026-12-03T16:19:19.705Z',
    );
    expect(parseKumaTime('2026-12-03 16:19:19').toISOString()).toBe(
      '2026-12-03T16:19:19.000Z',
    );
  });
});

describe('stats', () => {
  it('maps uptime periods 24, 720 and "1y"', () => {
    const windows = pushes('2.5.3/login-password', 'uptime')
      .slice(0, 30)
      .map((args) => decodeUptime(args).window);
    expect(new Set(windows)).toEqual(new Set(['24h', '30d', '1y']));
    expect(decodeUptime(['5', 24, 0.15])).toEqual({
      monitorId: 5,
      window: '24h',
      value: 0.15,
    });
    expect(decodeUptime([5, '1y', 1]).window).toBe('1y');
    expect(decodeUptime([5, 48, 1]).window).toBeUndefined();
  });

  it('reads avgPing: decimals or null (2.x), integers (1.23)', () => {
    const two = pushes('2.5.3/login-password', 'avgPing').map(decodeAvgPing);
    expect(two[0]).toEqual({ monitorId: 1, avgPing: 6.36 });
    expect(two[1]).toEqual({ monitorId: 2, avgPing: null });
    const old = pushes('1.23.16/login-password', 'avgPing').map(decodeAvgPing);
    expect(old[0]).toEqual({ monitorId: 1, avgPing: 9 });
  });

  it('parses certInfo from its JSON string (2.5.3)', () => {
    const [args] = pushes('2.5.3/login-password', 'certInfo');
    expect(decodeCertInfo(args!)).toEqual({
      monitorId: 6,
      cert: {
        valid: false,
        daysRemaining: 29,
        validTo: new Date('2027-01-02T16:13:07.000Z'),
        issuer: 'localhost',
        certType: 'self-signed',
        hostnameMatch: false,
      },
    });
  });

  it('parses certInfo of 1.23 (no hostname match) and prefers issuer O', () => {
    const [args] = pushes('1.23.16/login-password', 'certInfo');
    const { cert } = decodeCertInfo(args!);
    expect(cert).toMatchObject({ daysRemaining: 30, valid: false });
    expect(cert).not.toHaveProperty('hostnameMatch');
    const json = JSON.stringify({
      valid: true,
      certInfo: { issuer: { C: 'US', O: "Let's Encrypt", CN: 'R11' } },
    });
    expect(decodeCertInfo([1, json]).cert.issuer).toBe("Let's Encrypt");
  });

  it('reports certInfo that is not JSON', () => {
    expect(catchError(() => decodeCertInfo([1, '{oops'])).reason).toMatch(
      /JSON/,
    );
  });
});

describe('other events', () => {
  it('reads the post-login info version and the pre-login info', () => {
    const infos = pushes('2.5.3/login-password', 'info').map(decodeInfo);
    expect(infos).toEqual([{ version: null }, { version: '2.5.3' }]);
  });

  it('reads 2.x incremental updates and deletes', () => {
    const lines = readCapture('2.5.3/monitor-lifecycle');
    const paused = lines.find((l) => l.event === 'updateMonitorIntoList')!;
    expect(decodeMonitorUpdate(paused.args)).toMatchObject([
      { id: 1, active: false },
    ]);
    const deleted = lines.find((l) => l.event === 'deleteMonitorFromList')!;
    expect(decodeMonitorDelete(deleted.args)).toBe(7);
  });
});

function catchError(fn: () => unknown): KumaClientError {
  try {
    fn();
  } catch (error) {
    if (error instanceof KumaClientError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('3.0 payloads', () => {
  it('decodes a never-beaten monitor and the 3.0 version', () => {
    const lists = pushes('3.0/login-cookie', 'heartbeatList');
    const empty = lists.find((args) => Number(args[0]) === 3);
    expect(decodeHeartbeatList(empty!)).toMatchObject({
      monitorId: 3,
      beats: [],
    });
    const infos = pushes('3.0/login-cookie', 'info').map((a) => decodeInfo(a));
    expect(infos.at(-1)?.version).toBe('3.0.0-beta.0');
  });
});
