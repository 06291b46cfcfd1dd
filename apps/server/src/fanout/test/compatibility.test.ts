import { initTRPC } from '@trpc/server';
import type { Encoder } from '@trpc/server/adapters/ws';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import {
  checkCompatibility,
  installedTrpcVersion,
  VERIFIED_TRPC_VERSION,
} from '../compatibility';

const config = initTRPC.create({ transformer: superjson }).router({})
  ._def._config;

describe('checkCompatibility', () => {
  it('accepts the pinned tRPC with superjson and the JSON encoder', () => {
    expect(installedTrpcVersion()).toBe(VERIFIED_TRPC_VERSION);
    expect(checkCompatibility({ config, encoder: undefined })).toEqual({
      ok: true,
    });
  });

  it('refuses another tRPC version', () => {
    const result = checkCompatibility({
      config,
      encoder: undefined,
      installedVersion: '11.99.0',
    });
    expect(result).toEqual({
      ok: false,
      reason: `@trpc/server 11.99.0 is not the verified ${VERIFIED_TRPC_VERSION}`,
    });
  });

  it('refuses a custom encoder', () => {
    const encoder: Encoder = {
      encode: (data) => JSON.stringify(data),
      decode: (data): unknown => JSON.parse(data as string),
    };
    expect(checkCompatibility({ config, encoder }).ok).toBe(false);
  });

  it('refuses a transformer whose output depends on the whole message', () => {
    let calls = 0;
    const counting = {
      serialize: (value: unknown) => ({ value, call: (calls += 1) }),
      deserialize: (value: unknown) => value,
    };
    const odd = initTRPC.create({ transformer: counting }).router({})
      ._def._config;
    expect(checkCompatibility({ config: odd, encoder: undefined })).toEqual({
      ok: false,
      reason: 'spliced frames differ from stock ones',
    });
  });
});
