import { createRequire } from 'node:module';
import { jsonEncoder, type Encoder } from '@trpc/server/adapters/ws';
import {
  framePrefix,
  serializeResult,
  spliceFrame,
  stockFrame,
  trackedMessage,
  type RouterConfig,
  type SubscriptionKey,
} from './frames';

/**
 * The `@trpc/server` release whose ws adapter the fast path was checked
 * against: its frame shape, and that it writes `started` and then pulls the
 * generator in the same synchronous step. Another release gets the stock path
 * until the tests pass against it and this is bumped.
 */
export const VERIFIED_TRPC_VERSION = '11.25.2';

/** Whether the fast path may be used, and why not. */
export type Compatibility = { ok: true } | { ok: false; reason: string };

export interface CompatibilityInput {
  config: RouterConfig;
  /** The encoder the adapter was given, if any. */
  encoder: Encoder | undefined;
  /** @default VERIFIED_TRPC_VERSION */
  verifiedVersion?: string;
  /** @default the installed `@trpc/server` version */
  installedVersion?: string;
}

/** The version of `@trpc/server` this process loads. */
export function installedTrpcVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = require('@trpc/server/package.json') as { version: string };
  return pkg.version;
}

const sampleKeys: SubscriptionKey[] = [
  { id: 1, jsonrpc: '2.0' },
  { id: 42, jsonrpc: undefined },
  { id: 'sub "é"\u2028', jsonrpc: '2.0' },
];

const sampleEvent = {
  id: 'evt-1',
  data: { at: new Date(0), status: 'up', note: 'a "quoted" é', n: 1.5 },
};

/**
 * Checks that the fast path would write exactly what the adapter writes:
 * the pinned version, the JSON encoder, and spliced frames equal to frames
 * serialized whole with the router's transformer.
 */
export function checkCompatibility(input: CompatibilityInput): Compatibility {
  const verified = input.verifiedVersion ?? VERIFIED_TRPC_VERSION;
  const installed = input.installedVersion ?? installedTrpcVersion();
  if (installed !== verified) {
    return {
      ok: false,
      reason: `@trpc/server ${installed} is not the verified ${verified}`,
    };
  }
  if (input.encoder !== undefined && input.encoder !== jsonEncoder) {
    return { ok: false, reason: 'a custom experimental_encoder is set' };
  }
  return checkSplicing(input.config);
}

function checkSplicing(config: RouterConfig): Compatibility {
  try {
    const result = serializeResult(config, sampleEvent);
    for (const key of sampleKeys) {
      const spliced = spliceFrame(framePrefix(key), result);
      if (spliced !== stockFrame(config, trackedMessage(key, sampleEvent))) {
        return { ok: false, reason: 'spliced frames differ from stock ones' };
      }
    }
    return { ok: true };
  } catch (cause) {
    return { ok: false, reason: `the transformer failed: ${String(cause)}` };
  }
}
