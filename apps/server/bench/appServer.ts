import { ADMIN_TOKEN, VIEWER_TOKEN } from '../test/harness';
import { FakeEngine } from '../test/fakeEngine';
import { loadServerConfig } from '../src/config';
import { createApp } from '../src/createApp';
import { createLogger } from '../src/logger';
import { benchStatus, benchStatusList } from './payload';

/** The in-memory engine the app rows serve: the bench's 20 services. */
function appEngine() {
  const engine = new FakeEngine([]);
  for (const status of benchStatusList()) engine.put(status);
  return engine;
}

/**
 * The real server (`createApp`: config, auth, metrics, the real router,
 * keep-alives and the fast `status.list`) in front of the test suite's
 * in-memory engine with 20 services. `publish` flips one service, which the
 * engine turns into one change for every `status.onChange` subscriber.
 */
export async function startAppServer(opts: {
  streams: 'stock' | 'fanout';
  fastList: boolean;
}) {
  const engine = appEngine();
  const config = await loadServerConfig({
    value: {
      server: { host: '127.0.0.1', port: 0 },
      auth: {
        tokens: [
          { token: ADMIN_TOKEN, role: 'admin', name: 'ops' },
          { token: VIEWER_TOKEN, role: 'viewer', name: 'wall' },
        ],
      },
    },
  });
  const app = await createApp({
    config,
    engine: engine.managed(),
    logger: createLogger({ level: 'silent' }),
    streams: opts.streams,
    fastList: opts.fastList,
  });
  return {
    wsUrl: app.trpcUrl.replace(/^http/, 'ws'),
    httpUrl: app.trpcUrl,
    token: VIEWER_TOKEN,
    /** Service 1 changes to broadcast `seq`'s status, as raw ws sends it. */
    publish(seq: number) {
      return engine.put(benchStatus(1, seq)).id;
    },
  };
}
