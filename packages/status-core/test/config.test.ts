import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../src/loadConfig';
import { resolveServices } from '../src/resolveServices';
import { StatusCoreError } from '../src/StatusCoreError';
import { monitor } from './fakeSource';

const example = new URL('../examples/medianest.services.yaml', import.meta.url);

function issuesOf(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(StatusCoreError);
    const typed = error as StatusCoreError;
    expect(typed.code).toBe('INVALID_CONFIG');
    return typed.issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('config was accepted');
}

const service = {
  id: 'plex',
  displayName: 'Plex',
  monitors: [{ monitorName: 'Plex' }],
};

describe('config', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'status-core-config-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the shipped example with defaults', async () => {
    const config = await loadConfig({ file: example.pathname });
    expect(config.services.map((s) => s.id)).toEqual([
      'plex',
      'overseerr',
      'medianest-api',
      'medianest-frontend',
    ]);
    expect(config.engine.probeIntervalMs).toBe(30_000);
    expect(config.services[0]?.aggregation).toBe('worst');
  });

  it('names each bad field by its path', () => {
    const issues = issuesOf({
      services: [
        service,
        { ...service, id: 'b' },
        { ...service, id: 'c', healthUrl: 'not a url' },
        { ...service, id: 'Bad Id', monitors: [] },
        { ...service, id: 'plex', aggregation: { quorum: 0 } },
        { ...service, id: 'e', monitors: [{ monitorId: 'x' }] },
      ],
      engine: { probeIntervalMs: -1 },
    });
    expect(issues).toEqual([
      'services[2].healthUrl: Invalid URL',
      'services[3].id: use lower-case letters, digits and dashes, e.g. "plex"',
      'services[3].monitors: name at least one monitor',
      'services[4].aggregation.quorum: Too small: expected number to be >0',
      'services[5].monitors[0]: a selector is { monitorId: number }, { monitorName: string } or { tag: string, value?: string }',
      'engine.probeIntervalMs: Too small: expected number to be >=100',
    ]);
  });

  it('reports duplicate ids and unknown keys', () => {
    expect(issuesOf({ services: [service], extra: 1 })).toEqual([
      'extra: unknown setting; check the spelling',
    ]);
    expect(issuesOf({ services: [{ ...service, healthURL: 'x' }] })).toEqual([
      'services[0].healthURL: unknown setting; check the spelling',
    ]);
    expect(issuesOf({ services: [service, service] })).toEqual([
      'services[1].id: duplicate service id "plex"',
    ]);
  });

  it('applies environment overrides over a JSON file', async () => {
    const file = join(dir, 'services.json');
    await writeFile(file, JSON.stringify({ services: [service] }));
    const config = await loadConfig({
      env: {
        STATUS_CONFIG: file,
        STATUS_PROBE_INTERVAL_MS: '1000',
        STATUS_SERVICE_PLEX_HEALTH_URL: 'http://plex:32400/identity',
      },
    });
    expect(config.engine.probeIntervalMs).toBe(1000);
    expect(config.services[0]?.healthUrl).toBe('http://plex:32400/identity');
  });

  it('rejects a bad environment value with its field', async () => {
    await expect(
      loadConfig({ value: {}, env: { STATUS_PROBE_CONCURRENCY: 'many' } }),
    ).rejects.toMatchObject({
      issues: [
        {
          path: 'engine.probeConcurrency',
          message: 'Invalid input: expected number, received string',
        },
      ],
    });
  });

  it('reports an unreadable file', async () => {
    await expect(
      loadConfig({ file: join(dir, 'missing.yaml') }),
    ).rejects.toMatchObject({
      code: 'CONFIG_UNREADABLE',
    });
  });

  it('makes every monitor a service when none are configured', () => {
    const services = resolveServices(parseConfig({}), [
      monitor({ id: 1, name: 'Plex Media Server' }),
      monitor({ id: 2, name: 'Plex  media server!', url: null }),
      monitor({ id: 3, name: 'Über API', url: 'tcp://x' }),
    ]);
    expect(services.map((s) => [s.id, s.displayName, s.healthUrl])).toEqual([
      [
        'plex-media-server',
        'Plex Media Server',
        'http://localhost:32400/identity',
      ],
      ['plex-media-server-2', 'Plex  media server!', undefined],
      ['uber-api', 'Über API', undefined],
    ]);
  });

  it('resolves selectors by id, name and tag', () => {
    const config = parseConfig({
      services: [
        {
          id: 'a',
          displayName: 'A',
          monitors: [{ monitorId: 2 }, { monitorName: 'one' }],
        },
        { id: 'b', displayName: 'B', monitors: [{ tag: 'app', value: 'b' }] },
        { id: 'c', displayName: 'C', monitors: [{ tag: 'app' }] },
      ],
    });
    const tag = (value: string) => ({
      tagId: 1,
      name: 'app',
      value,
      color: '#fff',
    });
    const services = resolveServices(config, [
      monitor({ id: 1, name: 'one' }),
      monitor({ id: 2, name: 'two', tags: [tag('b')] }),
      monitor({ id: 3, name: 'three', tags: [tag('c')] }),
    ]);
    expect(services.map((s) => s.monitorIds)).toEqual([[1, 2], [2], [2, 3]]);
  });
});
