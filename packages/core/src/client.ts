export * from './client/types';
export { TrendingClient, DEFAULT_BASE_URL, type SendSignedTriggerInput } from './client/trending-client';
