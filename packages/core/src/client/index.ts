export * from './types';
export { TrendingClient, DEFAULT_BASE_URL, normalizeBaseUrl, type SendSignedTriggerInput } from './trending-client';
export { renderUrlFromStatus } from './render-url';
