import { startFakeApp, VIEWER_TOKEN } from '../test/harness';
import { FakeEngine } from '../test/fakeEngine';

/**
 * The real server (`createApp`: config, auth, metrics, the real router and
 * ws keep-alives) in front of the test suite's in-memory engine with 20
 * services. `publish` flips one service, which the engine turns into one
 * change for every `status.onChange` subscriber.
 */
export async function startAppServer(streams: 'stock' | 'fanout') {
  const services = Array.from({ length: 20 }, (_, i) => `service-${i}`);
  const engine = new FakeEngine(services);
  const { app } = await startFakeApp({ engine, streams });
  return {
    wsUrl: app.trpcUrl.replace(/^http/, 'ws'),
    httpUrl: app.trpcUrl,
    token: VIEWER_TOKEN,
    publish(seq: number) {
      return engine.set('service-1', seq % 2 === 0 ? 'down' : 'up').id;
    },
  };
}
