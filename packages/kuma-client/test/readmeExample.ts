/*
 * The "Kuma client" example of README.md, type-checked with the
 * repository's settings and never run (it needs a real Kuma). The
 * readmeExamples test of status-client checks that the README shows exactly
 * the code in the region below.
 */
import type { Logger } from '@medianest/kuma-client';

declare const logger: Logger;
declare function log(...values: unknown[]): void;

// #region readme
import { KumaClient, KumaClientError } from '@medianest/kuma-client';

const kuma = new KumaClient({
  url: 'http://127.0.0.1:3001',
  username: 'admin',
  password: process.env.KUMA_PASSWORD,
  totpSecret: process.env.KUMA_TOTP_SECRET, // only if the account has 2FA
  logger, // any pino-compatible logger
});
kuma.on('heartbeat', (beat) => log(beat.monitorId, beat.status, beat.msg));
kuma.on('state', ({ from, to }) => log(`kuma: ${from} → ${to}`));
kuma.on('error', (err) => log(err.code, err.event, err.reason));

try {
  await kuma.connect(); // resolves once monitors, beats and stats are in
} catch (err) {
  if (err instanceof KumaClientError && err.code === 'RATE_LIMITED') {
    // Kuma allows 20 password logins a minute for everyone: wait
  }
  throw err;
}
for (const monitor of kuma.monitors()) {
  const beat = kuma.latestBeat(monitor.id);
  log(monitor.name, monitor.active ? beat?.status : 'paused');
}
await kuma.close(); // until then it reconnects on its own, without the password
// #endregion readme
