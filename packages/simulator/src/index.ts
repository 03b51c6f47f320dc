export { startSimulator, type SimulatorHandle } from './server';
export {
  DEFAULT_PORT,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DEFAULT_SPEED,
  DEFAULT_STORAGE_QUOTA_BYTES,
  type ChaosConfig,
  type FailNext,
  type MaintenanceMode,
  type SimConfig,
  type SimulatorOptions,
} from './config';
export { DEFAULT_API_KEYS, DEFAULT_TRIGGER, MCP_CLIENT_HEADER, MCP_CLIENT_VALUE } from './accounts';
export { PRICES, PRICING_VERSION, estimate } from './pricing';
export { MAX_ATTEMPTS, RETRY_SCHEDULE_SECONDS } from './webhooks';
export { SAMPLE_MP4_PATH } from './renders';
export type { RequestLogEntry } from './requestlog';
export type { AccountInput, TriggerInput } from './routes/admin';
