/**
 * The n8n Transport for core: every HTTP exchange goes through n8n's request helpers, so n8n's proxy, SSRF and audit
 * settings apply. API-key calls use httpRequestWithAuthentication (the credential's `authenticate` adds the Bearer
 * header; the one core built is dropped), signed-trigger calls use plain httpRequest (no API key exists there).
 */
import type {
  IDataObject,
  IExecuteFunctions,
  IHttpRequestOptions,
  ILoadOptionsFunctions,
  IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
  normalizeBaseUrl,
  redact,
  sharedRateGate,
  TrendingClient,
  type HttpRequest,
  type HttpResponse,
  type Transport,
} from '../core';

export type TrendingContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions;

const USER_AGENT = 'n8n-nodes-trending/0.1';

interface FullResponse {
  statusCode: number;
  headers?: Record<string, unknown>;
  body?: unknown;
}

function cancelSignal(ctx: TrendingContext): AbortSignal | undefined {
  return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
}

function toOptions(req: HttpRequest, signal: AbortSignal | undefined, dropAuth: boolean): IHttpRequestOptions {
  const headers: IDataObject = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (dropAuth && name === 'authorization') continue;
    headers[name] = value;
  }
  const options: IHttpRequestOptions = {
    url: req.url,
    method: req.method,
    headers,
    returnFullResponse: true,
    ignoreHttpStatusErrors: true,
    encoding: 'arraybuffer',
    json: false,
  };
  if (req.body !== undefined) options.body = typeof req.body === 'string' ? req.body : Buffer.from(req.body);
  if (req.timeoutMs !== undefined) options.timeout = req.timeoutMs;
  if (signal) options.abortSignal = signal;
  return options;
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return JSON.stringify(body);
}

function fromFull(res: FullResponse): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers ?? {})) {
    if (value === undefined || value === null) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return { status: res.statusCode, headers, body: bodyText(res.body) };
}

/** A request that got no response: keep n8n's reason, never its request dump (it may hold headers). */
function networkError(error: unknown, secrets: readonly string[]): Error {
  const message = error instanceof Error ? error.message : String(error);
  const failure = new Error(redact(message, secrets));
  failure.name = error instanceof Error && /timeout|timed out/i.test(message) ? 'TimeoutError' : 'NetworkError';
  return failure;
}

function baseTransport(
  ctx: TrendingContext,
  send: (options: IHttpRequestOptions) => Promise<FullResponse>,
  dropAuth: boolean,
  secrets: readonly string[],
): Transport {
  const signal = cancelSignal(ctx);
  return {
    async request(req) {
      let res: FullResponse;
      try {
        res = await send(toOptions(req, signal, dropAuth));
      } catch (error) {
        throw networkError(error, secrets);
      }
      return fromFull(res);
    },
    sleep: async (ms, sleepSignal) => await sleep(ms, sleepSignal ?? signal),
    now: () => Date.now(),
    random: () => Math.random(),
  };
}

/** For API-key endpoints: n8n adds `Authorization: Bearer` from the Trending API credential. */
function authenticatedTransport(ctx: TrendingContext, apiKey: string): Transport {
  return baseTransport(
    ctx,
    async (options) =>
      (await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'trendingApi', options)) as FullResponse,
    true,
    [apiKey],
  );
}

/** For the signed trigger and nothing else: no credential is attached, the request carries its own signature. */
function unauthenticatedTransport(ctx: TrendingContext, secrets: readonly string[]): Transport {
  return baseTransport(
    ctx,
    async (options) => (await ctx.helpers.httpRequest(options)) as FullResponse,
    false,
    secrets,
  );
}

/** A credential field as text: n8n hands over '' (or nothing) for an untouched field; core reads blank as production. */
function stringOrBlank(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export interface ApiCredentials {
  apiKey: string;
  baseUrl: string;
}

export async function getApiCredentials(ctx: TrendingContext, itemIndex?: number): Promise<ApiCredentials> {
  const credentials =
    'getInputData' in ctx
      ? await ctx.getCredentials<{ apiKey?: string; baseUrl?: string }>('trendingApi', itemIndex)
      : await ctx.getCredentials<{ apiKey?: string; baseUrl?: string }>('trendingApi');
  return { apiKey: String(credentials.apiKey ?? ''), baseUrl: normalizeBaseUrl(stringOrBlank(credentials.baseUrl)) };
}

/** A shared gate outlives the execution that made it, so it runs on the process's clock, not one execution's. */
const PROCESS_CLOCK = { now: () => Date.now(), sleep: async (ms: number) => await sleep(ms) };

/** A gated batch meets the rate limit on purpose: a request may be told 429 several times before its turn comes. */
const GATED_RATE_LIMITED_ATTEMPTS = 30;

/**
 * A core client on the Trending API credential. Core gets the key too, only so that it can scrub it from every error;
 * the header it builds is replaced by n8n's own authentication. `gated`: the requests of every gated client of this
 * n8n process on the same key (all executions running here) pass one RateGate, so a 429 pauses them all until its
 * Retry-After and they slow-start after it; each request
 * then waits its turn through up to GATED_RATE_LIMITED_ATTEMPTS answers 429 (other failures keep core's budget), each
 * retry within a second when the 429 names no Retry-After: the gate, not a growing personal backoff, paces the run.
 */
export async function apiClient(
  ctx: TrendingContext,
  itemIndex?: number,
  { gated = false }: { gated?: boolean } = {},
): Promise<TrendingClient> {
  const { apiKey, baseUrl } = await getApiCredentials(ctx, itemIndex);
  const transport = authenticatedTransport(ctx, apiKey);
  return new TrendingClient({
    baseUrl,
    apiKey,
    transport: gated ? sharedRateGate(baseUrl, apiKey, PROCESS_CLOCK).wrap(transport) : transport,
    ...(gated ? { retry: { maxRateLimitedAttempts: GATED_RATE_LIMITED_ATTEMPTS, maxRateLimitedDelayMs: 1_000 } } : {}),
    userAgent: USER_AGENT,
  });
}

export interface SignedTriggerClient {
  client: TrendingClient;
  triggerId: string;
  secret: string;
}

/** A core client without any API key, plus the signed-trigger identity it signs with. */
export async function signedTriggerClient(ctx: IExecuteFunctions, itemIndex: number): Promise<SignedTriggerClient> {
  const credentials = await ctx.getCredentials<{ triggerId?: string; secret?: string; baseUrl?: string }>(
    'trendingSignedTriggerApi',
    itemIndex,
  );
  const secret = String(credentials.secret ?? '');
  const client = new TrendingClient({
    baseUrl: normalizeBaseUrl(stringOrBlank(credentials.baseUrl)),
    transport: unauthenticatedTransport(ctx, [secret]),
    userAgent: USER_AGENT,
  });
  return { client, triggerId: String(credentials.triggerId ?? '').trim(), secret };
}
