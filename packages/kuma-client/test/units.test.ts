import { dialectOfVersion } from '../src/dialects';
import { describe, expect, it } from 'vitest';
import { exponentialBackoff, KumaClientError } from '../src/index';
import type { KumaHeartbeat } from '../src/index';
import { refusalError } from '../src/errors';
import { Snapshot } from '../src/snapshot';
import { BurstBarrier } from '../src/sync';

describe('exponentialBackoff', () => {
  it('grows, caps, jitters and gives up', () => {
    const policy = exponentialBackoff({
      baseMs: 100,
      maxMs: 1000,
      jitter: 0.5,
      maxAttempts: 6,
      random: () => 1,
    });
    expect([1, 2, 3, 4, 5, 6].map(policy)).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
    expect(policy(7)).toBeNull();
    const noJitter = exponentialBackoff({
      baseMs: 100,
      jitter: 0,
      random: () => 0.7,
    });
    expect(noJitter(3)).toBe(400);
  });
});

describe('refusal messages of both dialects', () => {
  it.each([
    ['login', 'authIncorrectCreds', 'INVALID_CREDENTIALS'],
    ['login', 'Incorrect username or password.', 'INVALID_CREDENTIALS'],
    ['login', 'authInvalidToken', 'INVALID_TWO_FACTOR'],
    ['login', 'Invalid Token!', 'INVALID_TWO_FACTOR'],
    ['login', 'Too frequently, try again later.', 'RATE_LIMITED'],
    ['loginByToken', 'authInvalidToken', 'INVALID_TOKEN'],
    ['loginByToken', 'Invalid token.', 'INVALID_TOKEN'],
    ['loginByToken', 'The user is inactive or deleted.', 'INVALID_TOKEN'],
    ['request', 'You are not logged in.', 'NOT_AUTHENTICATED'],
    ['request', 'Cannot read properties of null', 'REQUEST_FAILED'],
  ] as const)('%s %j → %s', (context, msg, code) => {
    const error = refusalError({ context, event: context, msg });
    expect(error).toBeInstanceOf(KumaClientError);
    expect(error).toMatchObject({ code, reason: msg, name: 'KumaClientError' });
  });
});

describe('Snapshot', () => {
  const beat = (second: number, status: 0 | 1 = 1): KumaHeartbeat => ({
    monitorId: 1,
    status,
    time: new Date(Date.UTC(2026, 11, 3, 16, 0, second)),
    msg: '',
    ping: null,
    important: false,
  });

  it('deduplicates on time, orders and caps', () => {
    const snapshot = new Snapshot(3);
    snapshot.addBeats({ monitorId: 1, beats: [beat(5), beat(1), beat(3)] });
    expect(snapshot.addBeat(beat(3, 0))).toBe(false);
    expect(snapshot.addBeat(beat(4))).toBe(true);
    expect(snapshot.beats(1).map((b) => b.time.getUTCSeconds())).toEqual([
      3, 4, 5,
    ]);
    expect(snapshot.beats(1)[0]?.status).toBe(0);
    expect(snapshot.latestBeat(1)?.time.getUTCSeconds()).toBe(5);
  });

  it('keeps arrays handed out unchanged', () => {
    const snapshot = new Snapshot(10);
    snapshot.addBeat(beat(1));
    const before = snapshot.beats(1);
    snapshot.addBeat(beat(2));
    expect(before).toHaveLength(1);
  });
});

describe('BurstBarrier', () => {
  it('names what is missing until everything arrived', () => {
    const barrier = new BurstBarrier(['24h', '30d']);
    expect(barrier.missing()).toEqual(['monitorList']);
    barrier.noteMonitorList([1, 2]);
    barrier.noteHeartbeatList(1);
    barrier.noteAvgPing(1);
    barrier.noteAvgPing(2);
    barrier.noteUptime(1, '24h');
    expect(barrier.missing()).toEqual([
      'heartbeatList for monitor 2',
      'uptime for monitors 1, 2',
    ]);
    barrier.noteHeartbeatList(2);
    for (const id of [1, 2]) {
      barrier.noteUptime(id, '24h');
      barrier.noteUptime(id, '30d');
    }
    expect(barrier.complete).toBe(true);
  });
});

describe('dialectOfVersion', () => {
  it('maps post-login versions onto dialects', () => {
    expect(dialectOfVersion('1.23.16')).toBe('1.23');
    expect(dialectOfVersion('2.5.3')).toBe('2.x');
    expect(dialectOfVersion('3.0.0-beta.0')).toBe('3.0');
  });
});
