import type { Logger } from '@medianest/kuma-client';
import { afterEach } from 'vitest';
import type { StatusCoreConfig } from '../src/configSchema';
import {
  createStatusEngine,
  type LeadershipEvent,
} from '../src/createStatusEngine';
import type { StatusEngine } from '../src/StatusEngine';
import { Recorder } from './engineHelpers';
import { beat, FakeSource, monitor } from './fakeSource';
import { REDIS_URL } from './redisHelpers';

/** One engine of several over one Redis, with what it did recorded. */
export interface Instance {
  engine: StatusEngine;
  recorder: Recorder;
  /** Every source it opened, oldest first. */
  sources: FakeSource[];
  /** When (Date.now) it opened and closed its sources, in order. */
  openedAt: number[];
  closedAt: number[];
  events: LeadershipEvent[];
}

export interface InstanceOptions {
  /** @default the file's config */
  config?: StatusCoreConfig;
  /** @default the test Redis */
  redis?: string;
  /** @default the file's */
  lockTtlMs?: number;
  logger?: Logger;
}

/**
 * Builds instances whose sources report Plex (monitor 7) as `lastBeat`
 * says when they open, and stops them after each test. Call it at the top
 * level of the file.
 */
export function testInstances(defaults: {
  config: StatusCoreConfig;
  lockTtlMs: number;
}) {
  const engines: StatusEngine[] = [];
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.stop()));
  });
  return function instance(
    keyPrefix: string,
    lastBeat: { status: 0 | 1; msg?: string },
    opts: InstanceOptions = {},
  ): Instance {
    const sources: FakeSource[] = [];
    const openedAt: number[] = [];
    const closedAt: number[] = [];
    const events: LeadershipEvent[] = [];
    const recorder = new Recorder();
    const engine = createStatusEngine({
      config: opts.config ?? defaults.config,
      redis: opts.redis ?? REDIS_URL,
      keyPrefix,
      lockTtlMs: opts.lockTtlMs ?? defaults.lockTtlMs,
      ...(opts.logger ? { logger: opts.logger } : {}),
      sweepIntervalMs: 100,
      connectSource: () => {
        const source = plexSource(lastBeat);
        sources.push(source);
        openedAt.push(Date.now());
        const close = () => {
          closedAt.push(Date.now());
          return Promise.resolve();
        };
        return Promise.resolve({ source, close });
      },
      onLeadership: (event) => {
        events.push(event);
        recorder.wake();
      },
    });
    engines.push(engine);
    recorder.watch(engine);
    return { engine, recorder, sources, openedAt, closedAt, events };
  };
}

/** A ready Kuma source that knows Plex, whose last beat is `lastBeat`. */
function plexSource(lastBeat: { status: 0 | 1; msg?: string }): FakeSource {
  const source = new FakeSource();
  source.dialect = '2.x';
  source.kumaVersion = '2.5.3';
  source.setMonitors([monitor({ id: 7, name: 'Plex' })]);
  source.beat(beat({ monitorId: 7, ...lastBeat, time: new Date() }));
  source.state = 'ready';
  return source;
}

/** Sets what Kuma says about Plex and beats it to the leader's source. */
export function flip(
  kuma: { status: 0 | 1 },
  leader: Instance,
  status: 0 | 1,
): void {
  kuma.status = status;
  leader.sources.at(-1)!.beat(beat({ monitorId: 7, status, time: new Date() }));
}

export function kinds(recorder: Recorder): string[] {
  return recorder.notifications.map((n) => n.kind);
}

export function ids(recorder: Recorder): string[] {
  return recorder.changes.map((change) => change.id);
}
