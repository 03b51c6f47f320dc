/**
 * Response headers the reference does not document. Routes set them as before; the server strips each one unless its
 * option is on, so the default answer carries only documented headers.
 */
import type { SimConfig } from './config';

type HeaderOption = 'replayHeader' | 'rateLimitHeaders' | 'retryAfterHeader' | 'requestIdHeader';

const HEADER_OPTIONS: Readonly<Record<string, HeaderOption>> = {
  'idempotent-replayed': 'replayHeader',
  'x-ratelimit-limit': 'rateLimitHeaders',
  'x-ratelimit-remaining': 'rateLimitHeaders',
  'retry-after': 'retryAfterHeader',
  'x-request-id': 'requestIdHeader',
};

export function documentedHeaders(config: SimConfig, headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const option = HEADER_OPTIONS[name.toLowerCase()];
    if (option === undefined || config[option]) kept[name] = value;
  }
  return kept;
}
