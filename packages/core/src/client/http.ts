/**
 * One request, start to finish: local checks, auth and idempotency headers, the body serialised once, retries per
 * retry.ts, and every error scrubbed of secrets before it leaves.
 */
import { sleepUnlessAborted, throwIfAborted } from '../abort';
import { ENDPOINTS, endpointPath, type EndpointId, type PathParams } from '../endpoints';
import { TrendingError, errorFromResponse, redact, redactError, validationError } from '../errors';
import { IDEMPOTENCY_KEY_RULE, isValidIdempotencyKey } from '../idempotency';
import type { MultipartBody } from '../multipart';
import { retryDelayMs, type RetryOptions } from '../retry';
import type { HttpRequest, HttpResponse, Transport } from '../transport';
import { formatViolations, validateRequestSize, type Violation } from '../validation';
import type { CallOptions } from './types';

export interface HttpConfig {
  baseUrl: string;
  apiKey?: string;
  transport: Transport;
  timeoutMs: number;
  retry: RetryOptions;
  userAgent: string;
}

export interface Call {
  endpoint: EndpointId;
  params?: PathParams;
  query?: Record<string, string | number | undefined>;
  /** Serialised once, so every attempt sends the same bytes. */
  json?: unknown;
  multipart?: MultipartBody;
  idempotencyKey?: string;
  headers?: Record<string, string>;
  /** Findings of the endpoint's validator: any violation stops the call before anything is sent. */
  violations?: readonly Violation[];
  /** Secrets carried in the body (webhook.secret, api_key, trigger secret), scrubbed from errors like the API key. */
  secrets?: readonly (string | undefined)[];
  /** The API key travels as `api_key` in the JSON body instead of a header (trigger endpoint only). */
  apiKeyInBody?: boolean;
  /** Builds each attempt's request itself: a signed trigger is signed afresh per attempt. */
  sign?: (nowMs: number) => HttpRequest;
}

export class HttpClient {
  // A #private field is not enumerable: logging or serialising the client never shows the key.
  readonly #config: HttpConfig;

  constructor(config: HttpConfig) {
    this.#config = config;
  }

  get transport(): Transport {
    return this.#config.transport;
  }

  /** The configured key, or a local missing_api_key error (nothing is sent without one). */
  requireApiKey(): string {
    const key = this.#config.apiKey;
    if (!key) {
      throw new TrendingError({
        code: 'missing_api_key',
        message: 'No Trending API key is configured for this request.',
      });
    }
    return key;
  }

  async send(call: Call, options: CallOptions = {}): Promise<HttpResponse> {
    const secrets = [this.#config.apiKey, ...(call.secrets ?? [])];
    try {
      return await this.#attempts(this.#prepare(call, options), call, options.signal, secrets);
    } catch (error) {
      throw error instanceof TrendingError ? redactError(error, secrets) : error;
    }
  }

  async json<T>(call: Call, options: CallOptions = {}): Promise<T> {
    return parseJsonResponse<T>(await this.send(call, options));
  }

  #prepare(call: Call, options: CallOptions): (attempt: number) => HttpRequest {
    if (call.violations && call.violations.length > 0) throw validationError(call.violations);
    const endpoint = ENDPOINTS[call.endpoint];
    const { transport, userAgent, timeoutMs } = this.#config;
    const timeout = options.timeoutMs ?? timeoutMs;
    const base = { accept: 'application/json', 'user-agent': userAgent };
    if (endpoint.idempotency === 'required' && !isValidIdempotencyKey(call.idempotencyKey)) {
      throw validationError([
        {
          path: 'idempotencyKey',
          rule: 'format',
          message: `Idempotency-Key must be ${IDEMPOTENCY_KEY_RULE}`,
        },
      ]);
    }
    if (call.sign) {
      const sign = call.sign;
      const signed = (): HttpRequest => {
        const request = sign(transport.now());
        return { ...request, headers: { ...base, ...request.headers }, timeoutMs: timeout };
      };
      const first = signed();
      checkSize(first.body);
      return (attempt) => (attempt === 1 ? first : signed());
    }

    const headers: Record<string, string> = { ...base, ...call.headers };
    if (endpoint.auth === 'apiKey' || (endpoint.auth === 'apiKeyOrBody' && !call.apiKeyInBody)) {
      headers.authorization = `Bearer ${this.requireApiKey()}`;
    }
    if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
    let body: string | Uint8Array | undefined;
    if (call.json !== undefined) {
      body = JSON.stringify(call.json);
      headers['content-type'] = 'application/json';
      checkSize(body);
    } else if (call.multipart) {
      body = call.multipart.body;
      headers['content-type'] = call.multipart.contentType;
    }
    const url = `${this.#config.baseUrl}${endpointPath(call.endpoint, call.params)}${queryString(call.query)}`;
    const request: HttpRequest = { method: endpoint.method, url, headers, body, timeoutMs: timeout };
    return () => request;
  }

  async #attempts(
    build: (attempt: number) => HttpRequest,
    call: Call,
    signal: AbortSignal | undefined,
    secrets: readonly (string | undefined)[],
  ): Promise<HttpResponse> {
    const { transport, retry } = this.#config;
    const endpoint = ENDPOINTS[call.endpoint];
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(signal);
      let failure: TrendingError;
      let status: number | undefined;
      let retryAfterHeader: string | undefined;
      try {
        const res = await transport.request(build(attempt));
        if (res.status >= 200 && res.status < 300) return res;
        failure = errorFromResponse(res, { secrets, nowMs: transport.now() });
        status = res.status;
        retryAfterHeader = res.headers['retry-after'];
      } catch (cause) {
        failure = transportError(cause, `${endpoint.method} ${endpoint.path}`, attempt, secrets);
      }
      const delay = retryDelayMs(
        attempt,
        {
          status,
          retryAfterHeader,
          random: transport.random(),
          nowMs: transport.now(),
          repeatable: endpoint.repeatable,
        },
        retry,
      );
      if (delay === undefined) throw failure;
      await sleepUnlessAborted(transport, delay, signal);
    }
  }
}

/** A 2xx body as JSON; an empty body (204) is `{}`. */
export function parseJsonResponse<T>(res: HttpResponse): T {
  if (res.body.trim() === '') return {} as T;
  try {
    return JSON.parse(res.body) as T;
  } catch {
    throw new TrendingError({
      code: 'invalid_response',
      message: `Trending answered HTTP ${res.status} with a body that is not JSON.`,
      status: res.status,
      requestId: res.headers['x-request-id'],
    });
  }
}

/** A Transport rejects only when no response arrived; fetch's AbortSignal.timeout() names that error TimeoutError. */
function transportError(
  cause: unknown,
  what: string,
  attempts: number,
  secrets: readonly (string | undefined)[],
): TrendingError {
  const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
  const reason = cause instanceof Error ? describeCause(cause) : String(cause);
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  return new TrendingError({
    code: timedOut ? 'timeout' : 'network_error',
    message: redact(
      `${timedOut ? 'Timed out waiting for' : 'No response from'} Trending (${what}) after ${tries}: ${reason}`,
      secrets,
    ),
  });
}

/** fetch hides the useful part ("ECONNREFUSED") in `cause`. */
function describeCause(error: Error): string {
  const inner = error.cause instanceof Error ? error.cause.message : undefined;
  return inner && inner !== error.message ? `${error.message} (${inner})` : error.message;
}

function checkSize(body: string | Uint8Array | undefined): void {
  if (body === undefined) return;
  const violations = validateRequestSize(body);
  if (violations.length > 0) {
    throw new TrendingError({
      code: 'request_too_large',
      message: `The request is too large to send: ${formatViolations(violations)}`,
      details: { violations },
    });
  }
}

function queryString(query: Call['query']): string {
  const pairs = Object.entries(query ?? {}).filter(([, value]) => value !== undefined && value !== '');
  if (pairs.length === 0) return '';
  return `?${pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`).join('&')}`;
}
