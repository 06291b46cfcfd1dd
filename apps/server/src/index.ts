export { createApp } from './createApp';
export type { App, CreateAppOptions } from './createApp';
export type { AppRouter } from './router';
export { loadServerConfig } from './config';
export type { LoadServerConfigOptions, ServerConfig } from './config';
export { createLogger } from './logger';
export type { ManagedEngine } from './engineFactory';
export type { ChangeFeed } from './streams/changeFeed';
export type {
  StreamRequest,
  SubscriptionStreams,
} from './streams/subscriptionStreams';
export { ServerError } from './ServerError';
