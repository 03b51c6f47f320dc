/**
 * z.request as core's Transport, and the TrendingClient every perform uses. Core owns URLs, headers, validation,
 * idempotency, retries and error envelopes; this file only adapts Zapier's HTTP client to core's contract.
 */
import {
  ApiRequester,
  TrendingClient,
  normalizeBaseUrl,
  type HttpRequest,
  type HttpResponse,
  type Transport,
  type TrendingClientOptions,
} from '@trending/core';
import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { StepOutOfTime, stepDeadline } from './budget';

/**
 * Zapier stops a step after 30 s, so core's retries are bounded: two retries at most, each wait capped at 2 s (a longer
 * Retry-After ends as Zapier's ThrottledError, which reschedules the step instead). All attempts and waits of a step
 * share its budget (budget.ts): an attempt gets at most what is left of it.
 */
const ZAPIER_RETRY = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 2_000, maxRetryAfterMs: 2_000 } as const;
const ATTEMPT_TIMEOUT_MS = 15_000;
const USER_AGENT = 'trending-zapier/0.1';

/** Where a development run points the app instead of production (the simulator, a test server). */
export const BASE_URL_ENV = 'TRENDING_API_BASE_URL';

/**
 * The API origin: production, unless the environment variable TRENDING_API_BASE_URL names another (the simulator in
 * tests and in `zapier-platform invoke`, via .env). It is not a connection field: a published app's users only ever
 * reach https://trending.com, and their API key can never be pointed at another host from the Zap editor. Core's
 * normalizeBaseUrl decides (blank is production, a trailing slash is dropped, anything but http(s) is refused).
 */
export function apiBaseUrl(): string {
  try {
    return normalizeBaseUrl(process.env[BASE_URL_ENV]);
  } catch {
    // The value is not echoed: whatever was set there stays out of the Zap's history.
    throw new Error(`${BASE_URL_ENV} must start with https:// (or http:// for a local simulator), or be unset.`);
  }
}

/**
 * Core's Transport contract: resolve for every HTTP status, reject only when no response arrived. Zapier's own
 * status handling is switched off for these requests (skipThrowForStatus, and no early ThrottledError for 429),
 * because a throw inside z.request would reach core as a network error and be retried; core turns statuses into
 * TrendingErrors and errors.ts turns those into Zapier's error classes.
 */
export function zapierTransport(z: ZObject, deadline = Infinity): Transport {
  const remaining = () => deadline - Date.now();
  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      const left = remaining();
      if (left <= 0) throw new StepOutOfTime();
      const options: HttpRequestOptions & { url: string; throwForThrottlingEarly: boolean } = {
        url: req.url,
        method: req.method,
        headers: req.headers,
        body: req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : Buffer.from(req.body),
        timeout: Math.ceil(Math.min(req.timeoutMs ?? left, left)),
        skipThrowForStatus: true,
        throwForThrottlingEarly: false,
      };
      try {
        const res = await z.request(options);
        const headers: Record<string, string> = {};
        res.headers.forEach((value, name) => {
          headers[name.toLowerCase()] = value;
        });
        return { status: res.status, headers, body: res.content };
      } catch (error) {
        throw asTimeout(error);
      }
    },
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        // A retry that could only start after the deadline is not waited for: the step ends now instead.
        if (ms >= remaining()) return reject(new StepOutOfTime());
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        // The listener goes when the sleep settles either way, so a long-lived signal does not collect one per retry.
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    now: () => Date.now(),
    random: () => Math.random(),
  };
}

/**
 * node-fetch reports a timeout as FetchError type `request-timeout` (no headers in time) or `body-timeout` (the body
 * stalled); core recognises timeouts by the name TimeoutError.
 */
function asTimeout(error: unknown): unknown {
  const type = error instanceof Error ? (error as Error & { type?: string }).type : undefined;
  if (error instanceof Error && (type === 'request-timeout' || type === 'body-timeout')) {
    const timeout = new Error(error.message);
    timeout.name = 'TimeoutError';
    return timeout;
  }
  return error;
}

/** What every request of a step shares: the origin, the key, the step's budget and Zapier's retry bounds. */
function clientOptions(z: ZObject, bundle: Pick<Bundle, 'authData'>): TrendingClientOptions {
  return {
    baseUrl: apiBaseUrl(),
    apiKey: bundle.authData.api_key,
    transport: zapierTransport(z, stepDeadline(bundle)),
    timeoutMs: ATTEMPT_TIMEOUT_MS,
    retry: ZAPIER_RETRY,
    userAgent: USER_AGENT,
  };
}

export function clientFor(z: ZObject, bundle: Pick<Bundle, 'authData'>): TrendingClient {
  return new TrendingClient(clientOptions(z, bundle));
}

/** The API Request action's sender: core's, configured exactly as clientFor's client. */
export function apiRequesterFor(z: ZObject, bundle: Pick<Bundle, 'authData'>): ApiRequester {
  return new ApiRequester(clientOptions(z, bundle));
}
