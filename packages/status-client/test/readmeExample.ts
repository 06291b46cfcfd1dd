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
  subscribeNotifications,
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
// From the feed's position: none is lost while the socket is away.
const notes = subscribeNotifications(client, {
  onData: ({ data }) => log(data.title, data.message),
  onError: (err) => log(err.data?.code, err.message),
});
log(client.connectionState.get()); // connecting, open, reconnecting, closed

changes.unsubscribe();
notes.unsubscribe();
await client.close();
// #endregion readme
