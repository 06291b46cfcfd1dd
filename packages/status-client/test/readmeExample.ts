/*
 * The "Status client" example of README.md, type-checked with the
 * repository's settings and never run (it needs a server).
 * readmeExamples.test.ts checks that the README shows exactly the code in
 * the region below.
 */
declare function log(...values: unknown[]): void;

// #region readme
import {
  createStatusClient,
  type ServiceStatusDto,
} from '@medianest/status-client';
import { WebSocket } from 'ws'; // Node 20; browsers and Node 22 have one

const client = createStatusClient({
  url: 'http://127.0.0.1:3000',
  token: process.env.STATUS_VIEWER_TOKEN, // omit for public read
  WebSocket,
});
const statuses: ServiceStatusDto[] = await client.status.list.query();
for (const { displayName, status, lastCheck } of statuses) {
  log(displayName, status, lastCheck?.toISOString()); // Dates stay Dates
}
const changes = client.status.onChange.subscribe(undefined, {
  onData: ({ id, data }) => log(id, data.service, data.status),
  onError: (err) => log(err.data?.code, err.message), // e.g. UNAUTHORIZED
});
log(client.connectionState.get()); // connecting, open, reconnecting, closed

changes.unsubscribe();
await client.close();
// #endregion readme
