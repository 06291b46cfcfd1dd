import { loadServerConfig } from './config';
import { createApp } from './createApp';
import { createLogger } from './logger';
import { ServerError } from './ServerError';
import { installShutdown } from './shutdown';

/** `pnpm start`: config from STATUS_CONFIG and the environment. */
async function main(): Promise<void> {
  const config = await loadServerConfig({ env: process.env });
  const logger = createLogger({ level: config.server.logLevel });
  const app = await createApp({ config, logger });
  installShutdown({ close: app.close, logger });
}

main().catch((error: unknown) => {
  const message =
    error instanceof ServerError
      ? error.message
      : `Failed to start: ${String(error)}`;
  console.error(message);
  process.exit(1);
});
