import type { KumaConnection } from './connection';
import type { DecodedBeatList, DecodedUptime } from './decode';
import {
  decodeAvgPing,
  decodeCertInfo,
  decodeHeartbeat,
  decodeHeartbeatList,
  decodeImportantList,
  decodeInfo,
  decodeMonitorDelete,
  decodeMonitorList,
  decodeMonitorUpdate,
  decodeUptime,
} from './decode';
import { KumaClientError } from './errors';
import type { CertInfo, KumaHeartbeat, KumaMonitor } from './model';

/** Receives every decoded inbound event of one connection. */
export interface InboundSink {
  monitorList(monitors: KumaMonitor[]): void;
  monitorUpdate(monitors: KumaMonitor[]): void;
  monitorDelete(monitorId: number): void;
  heartbeat(beat: KumaHeartbeat): void;
  heartbeatList(list: DecodedBeatList): void;
  importantList(list: DecodedBeatList): void;
  avgPing(update: { monitorId: number; avgPing: number | null }): void;
  uptime(update: DecodedUptime): void;
  certInfo(update: { monitorId: number; cert: CertInfo }): void;
  info(info: { version: string | null }): void;
  /** A payload failed validation (or a handler failed): report and drop. */
  protocolError(error: KumaClientError): void;
}

/**
 * The wire events this client consumes, by Kuma's names. `initServerTimezone`
 * is deliberately absent: answering it changes the server's timezone.
 */
export function bindInbound(conn: KumaConnection, sink: InboundSink): void {
  const routes: Record<string, (args: unknown[]) => void> = {
    monitorList: (args) => sink.monitorList(decodeMonitorList(args)),
    updateMonitorIntoList: (args) =>
      sink.monitorUpdate(decodeMonitorUpdate(args)),
    deleteMonitorFromList: (args) =>
      sink.monitorDelete(decodeMonitorDelete(args)),
    heartbeat: (args) => sink.heartbeat(decodeHeartbeat(args)),
    heartbeatList: (args) => sink.heartbeatList(decodeHeartbeatList(args)),
    importantHeartbeatList: (args) =>
      sink.importantList(decodeImportantList(args)),
    avgPing: (args) => sink.avgPing(decodeAvgPing(args)),
    uptime: (args) => sink.uptime(decodeUptime(args)),
    certInfo: (args) => sink.certInfo(decodeCertInfo(args)),
    info: (args) => sink.info(decodeInfo(args)),
  };
  for (const [event, route] of Object.entries(routes)) {
    conn.on(event, route, (error) =>
      sink.protocolError(asProtocolError(error, event)),
    );
  }
}

function asProtocolError(error: unknown, event: string): KumaClientError {
  if (error instanceof KumaClientError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new KumaClientError(
    'PROTOCOL',
    `Handling ${event} failed: ${reason}`,
    { event, reason, cause: error },
  );
}
