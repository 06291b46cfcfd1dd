export { KumaSim } from './kumaSim';
export { KumaSimError, KUMA_SIM_ERROR_CODES } from './errors';
export type { KumaSimErrorCode } from './errors';
export { loadCapture } from './captures';
export type {
  CaptureDialectDir,
  CaptureDirection,
  CaptureLine,
} from './captures';
export { kumaTime } from './time';
export { startBeatLoop } from './beatLoop';
export type { BeatLoopMonitor, BeatLoopOptions } from './beatLoop';
export { demoMonitors, MEDIANEST_MONITORS } from './demoMonitors';
export type {
  KumaSimOptions,
  SimBeatInput,
  SimCertInfo,
  SimCounters,
  SimDialect,
  SimHistoryBeat,
  SimMonitorInit,
  SimMonitorPatch,
  SimNewMonitor,
  SimFirstCheck,
  SimStatus,
  SimTag,
} from './types';
