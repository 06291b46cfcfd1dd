import { expectTypeOf, it } from 'vitest';
import type { StatusSource } from '../../status-core/src/source';
import { KumaClient } from '../src/index';

it('KumaClient satisfies status-core StatusSource', () => {
  expectTypeOf<KumaClient>().toExtend<StatusSource>();
  const client = new KumaClient({ url: 'http://127.0.0.1:1' });
  const source: StatusSource = client;
  expectTypeOf(source.monitors).returns.toEqualTypeOf(client.monitors());
});
