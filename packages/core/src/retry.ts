/**
 * When to send a failed request again, and after how long. Pure: the caller supplies the randomness and the clock, so
 * the policy is testable without sleeping.
 */
import { parseRetryAfterMs } from './errors';

export interface RetryOptions {
  /** Attempts in total, the first included. Default 4; 1 disables retries. */
  maxAttempts?: number;
  /**
   * Attempts in total while the answers are 429 (rate limited): the request was refused without being done, so a
   * batch that meets its limit on purpose may wait its turn for longer than other failures are worth. Default
   * maxAttempts.
   */
  maxRateLimitedAttempts?: number;
  /**
   * Upper bound of the backoff after a 429 that carries no Retry-After. A caller whose requests pass a shared rate
   * gate sets it low: the gate already holds everyone back, so a long personal backoff only leaves the limit unused.
   * Default maxDelayMs.
   */
  maxRateLimitedDelayMs?: number;
  /** First backoff ceiling; doubles each attempt. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound of one backoff. Default 30 s. */
  maxDelayMs?: number;
  /** Upper bound of a server-requested Retry-After wait. Default 120 s. */
  maxRetryAfterMs?: number;
}

export const DEFAULT_RETRY_OPTIONS: Readonly<
  Required<Omit<RetryOptions, 'maxRateLimitedAttempts' | 'maxRateLimitedDelayMs'>>
> = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
});

export interface RetryContext {
  /** HTTP status of the failed attempt; undefined when no response arrived (network error, timeout). */
  status?: number;
  retryAfterHeader?: string;
  /** Uniform in [0, 1), from `Transport.random()`. */
  random: number;
  /** Needed only to read an HTTP-date Retry-After. */
  nowMs?: number;
  /**
   * Whether sending the request again is harmless when its outcome is unknown (see `EndpointSpec.repeatable`).
   * Default true.
   */
  repeatable?: boolean;
}

/**
 * Milliseconds to wait before the next attempt, or undefined to give up. `attempt` is the 1-based attempt that just
 * failed.
 *
 * - 429 and 503: the server refused without doing the work, so every request may be repeated: after Retry-After
 *   (capped at maxRetryAfterMs) when sent, else exponential backoff with full jitter.
 * - No response, or any other 5xx (500, 502, 504, ...): the request may or may not have been done, so only
 *   repeatable requests (reads, and writes under an Idempotency-Key, which the API answers with the same run instead of
 *   a second one) are repeated, with backoff. A 500 is often passing trouble; with the key, trying again is safe.
 * - Every other status (all 4xx but 429): the request itself is wrong; sending it again cannot help.
 */
export function retryDelayMs(attempt: number, context: RetryContext, options: RetryOptions = {}): number | undefined {
  const opts = { ...DEFAULT_RETRY_OPTIONS, ...definedOnly(options) };
  const { status } = context;
  const limit = status === 429 ? (opts.maxRateLimitedAttempts ?? opts.maxAttempts) : opts.maxAttempts;
  if (attempt >= limit) return undefined;
  if (status === 429 || status === 503) {
    const requested = parseRetryAfterMs(context.retryAfterHeader, context.nowMs);
    if (requested !== undefined) return Math.min(requested, opts.maxRetryAfterMs);
    const cap = status === 429 ? (opts.maxRateLimitedDelayMs ?? opts.maxDelayMs) : opts.maxDelayMs;
    return backoffMs(attempt, context.random, { ...opts, maxDelayMs: cap });
  }
  if (status === undefined || status >= 500) {
    return context.repeatable === false ? undefined : backoffMs(attempt, context.random, opts);
  }
  return undefined;
}

/** "Full jitter": uniform in [0, min(maxDelay, base * 2^(attempt-1))), so many clients retrying never stampede together. */
function backoffMs(attempt: number, random: number, opts: typeof DEFAULT_RETRY_OPTIONS): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
  const unit = Math.min(Math.max(random, 0), 1);
  return Math.floor(unit * ceiling);
}

function definedOnly(options: RetryOptions): RetryOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
