export { createFanout } from './createFanout';
export type {
  Fanout,
  FanoutOptions,
  FanoutStreamOptions,
} from './createFanout';
export { applyFanoutWSSHandler } from './applyFanoutWSSHandler';
export type {
  FanoutWSSHandler,
  FanoutWSSHandlerOptions,
} from './applyFanoutWSSHandler';
export { VERIFIED_TRPC_VERSION } from './compatibility';
export type { Compatibility } from './compatibility';
export type { FanoutEvent } from './frames';
