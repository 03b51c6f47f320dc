export * from './client/types';
export {
  TrendingClient,
  DEFAULT_BASE_URL,
  normalizeBaseUrl,
  type SendSignedTriggerInput,
} from './client/trending-client';
