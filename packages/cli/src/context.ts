/**
 * What every command shares: the global flags (also from the environment), the one Output, and a TrendingClient on
 * the axios Transport with every secret registered for redaction before anything can be printed.
 */
import { type Command } from 'commander';
import {
  TrendingClient,
  classifyError,
  isTrendingError,
  normalizeBaseUrl,
  type RetryOptions,
  type Transport,
} from '@trending/core';
import type { Output } from './output';
import { createTransport } from './transport';
import { UsageError } from './errors';

export const USER_AGENT = 'trending-cli/0.1.0';

export interface GlobalOptions {
  json?: boolean;
  apiKey?: string;
  baseUrl?: string;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** --base-url / TRENDING_BASE_URL as core reads it (blank is production, no trailing slash); a bad one is misuse. */
export function baseUrlOf(command: Command): string {
  const { baseUrl } = globalOptions(command);
  try {
    return normalizeBaseUrl(baseUrl);
  } catch (error) {
    if (!isTrendingError(error)) throw error;
    const classified = classifyError(error);
    const reason =
      (classified.kind === 'validation' ? classified.fields.map((field) => field.message).join('; ') : '') ||
      error.message;
    throw new UsageError(`--base-url / TRENDING_BASE_URL: ${reason}`);
  }
}

export interface ClientOptions {
  /** Signed triggers need no API key. */
  needsApiKey?: boolean;
  retry?: RetryOptions;
  transport?: Transport;
}

export function clientFor(command: Command, out: Output, options: ClientOptions = {}): TrendingClient {
  const { apiKey } = globalOptions(command);
  out.addSecrets(apiKey);
  if ((options.needsApiKey ?? true) && !apiKey) {
    throw new UsageError(
      'No API key: pass --api-key or set TRENDING_API_KEY (create one at /dashboard/developer/api-keys).',
    );
  }
  return new TrendingClient({
    baseUrl: baseUrlOf(command),
    apiKey,
    transport: options.transport ?? createTransport(),
    retry: options.retry,
    userAgent: USER_AGENT,
  });
}
