import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../src/config';
import { ServerError } from '../src/ServerError';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function file(name: string, text: string): Promise<string> {
  dir ??= await mkdtemp(join(tmpdir(), 'server-config-'));
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function failure(env: Record<string, string>, value?: unknown) {
  const error = await loadServerConfig({ env, value }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServerError);
  return error as ServerError;
}

describe('loadServerConfig', () => {
  it('runs on embedded defaults', async () => {
    const config = await loadServerConfig();
    expect(config.server).toMatchObject({ port: 3000, host: '0.0.0.0' });
    expect(config.kuma.url).toBe('http://127.0.0.1:3001');
    expect(config.redis).toBeUndefined();
    expect(config.status.services).toEqual([]);
  });

  it('reads a YAML file and lets the environment override it', async () => {
    const path = await file(
      'status.yaml',
      [
        'server: { port: 4000 }',
        'kuma: { url: "http://kuma.lan:3001", username: admin }',
        'auth: { tokens: [{ token: viewer-token-123456, role: viewer }] }',
        'services:',
        '  - { id: plex, displayName: Plex, monitors: [{ monitorName: Plex }] }',
      ].join('\n'),
    );
    const config = await loadServerConfig({
      env: {
        STATUS_CONFIG: path,
        PORT: '4100',
        KUMA_PASSWORD: 'pw',
        STATUS_ADMIN_TOKEN: 'admin-token-123456',
        STATUS_PUBLIC_READ: 'true',
        REDIS_URL: 'redis://127.0.0.1:6379',
      },
    });
    expect(config.server.port).toBe(4100);
    expect(config.kuma).toMatchObject({ username: 'admin', password: 'pw' });
    expect(config.auth.publicRead).toBe(true);
    expect(config.auth.tokens.map((t) => t.role)).toEqual(['viewer', 'admin']);
    expect(config.redis?.url).toBe('redis://127.0.0.1:6379');
    expect(config.status.services[0]?.id).toBe('plex');
  });

  it('reads JSON files', async () => {
    const path = await file('status.json', '{"server":{"port":0}}');
    const config = await loadServerConfig({ env: { STATUS_CONFIG: path } });
    expect(config.server.port).toBe(0);
  });

  it('names each bad environment variable', async () => {
    const error = await failure({
      PORT: 'abc',
      KUMA_URL: 'kuma.lan',
      STATUS_ADMIN_TOKEN: 'short',
      LOG_LEVEL: 'loud',
    });
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain(
      'PORT: expected a port number 0-65535, got "abc"',
    );
    expect(error.issues.map((i) => i.path)).toEqual([
      'PORT',
      'LOG_LEVEL',
      'KUMA_URL',
      'STATUS_ADMIN_TOKEN',
    ]);
    expect(error.message).not.toContain('short');
  });

  it('names bad file fields, the server part and the services part', async () => {
    const error = await failure(
      {},
      {
        auth: { tokens: [{ token: 'long-enough-token', role: 'root' }] },
        services: [{ id: 'Plex!', displayName: 'Plex', monitors: [] }],
      },
    );
    const paths = error.issues.map((i) => i.path);
    expect(paths).toContain('auth.tokens[0].role');
    expect(paths).toContain('services[0].id');
  });

  it('says which file it cannot read', async () => {
    const error = await failure({ STATUS_CONFIG: '/nonexistent/status.yaml' });
    expect(error.code).toBe('CONFIG_UNREADABLE');
    expect(error.message).toContain('/nonexistent/status.yaml');
  });
});
