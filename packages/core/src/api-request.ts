/**
 * Any documented endpoint, named by method and path as a user types them into a face's generic "API request" step
 * (Zapier's API Request action). The path is matched against the endpoint catalogue (endpoints.ts) and the request
 * goes through the same HttpClient as TrendingClient's typed methods: to the configured origin only (a full URL is
 * refused, so the API key never goes to another host), with the endpoint's auth and retry rule (a POST that may spend
 * credits twice is never repeated) and errors scrubbed of secrets. An endpoint that requires an Idempotency-Key gets
 * the caller's; a face derives it as it does for its own creates.
 */
import { isTemplateId } from './catalogue';
import { deepFreeze } from './catalogue/freeze';
import type { HttpClient } from './client/http';
import { bodySecrets, httpClientFor } from './client/trending-client';
import type { CallOptions, TrendingClientOptions } from './client/types';
import { ENDPOINTS, type EndpointSpec } from './endpoints';
import { redact, validationError } from './errors';
import type { Violation } from './validation';

export const API_REQUEST_METHODS = deepFreeze(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const);

/** Every path of the API starts with this; nothing else is requested. */
const API_PATH_PREFIX = '/api/v1/';

export interface ApiRequestInput {
  method: string;
  /** As the reference writes it, with the placeholders filled in: `/api/v1/story/videos/123`. */
  path: string;
  query?: Readonly<Record<string, string | number | undefined>>;
  /** Sent as JSON; POST, PUT and PATCH only. */
  body?: unknown;
}

export interface ResolvedApiRequest {
  endpoint: EndpointSpec;
  /** The placeholders' values, decoded (the client encodes them again). */
  params: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed when it is JSON, else the text; null when empty. */
  body: unknown;
  requestId?: string;
}

/** The documented endpoint that a method and path name, or the violations that say why none does (nothing is sent). */
export function resolveApiRequest(input: ApiRequestInput): { resolved?: ResolvedApiRequest; violations: Violation[] } {
  const method = String(input.method ?? '')
    .trim()
    .toUpperCase();
  const violations: Violation[] = [];
  if (!(API_REQUEST_METHODS as readonly string[]).includes(method)) {
    violations.push({
      path: 'method',
      rule: 'enum',
      message: `method must be one of ${API_REQUEST_METHODS.join(', ')}`,
    });
  }
  if (input.body !== undefined && (method === 'GET' || method === 'DELETE')) {
    violations.push({ path: 'body', rule: 'forbidden', message: 'body is only sent with POST, PUT or PATCH' });
  }
  const segments = pathSegments(input.path, violations);
  if (segments === undefined || violations.length > 0) return { violations };

  const matches = Object.values(ENDPOINTS)
    .map((endpoint) => ({ endpoint, params: matchPath(endpoint.path, segments) }))
    .filter((m): m is ResolvedApiRequest => m.params !== undefined)
    // A literal segment beats a placeholder: POST /api/v1/library/videos is the Library upload, not a template create.
    .sort((a, b) => Object.keys(a.params).length - Object.keys(b.params).length);
  if (matches.length === 0) {
    violations.push({
      path: 'path',
      rule: 'endpoint',
      message: "path names no endpoint of Trending's API (the reference lists them all)",
    });
    return { violations };
  }
  const resolved = matches.find((m) => m.endpoint.method === method);
  if (resolved === undefined) {
    const allowed = [...new Set(matches.map((m) => m.endpoint.method))].join(' or ');
    violations.push({ path: 'method', rule: 'enum', message: `method must be ${allowed} for that path` });
  } else if (resolved.endpoint.auth === 'signedTrigger') {
    violations.push({
      path: 'path',
      rule: 'endpoint',
      message: 'path names the signed trigger, which takes a trigger signature instead of an API key',
    });
  }
  return violations.length > 0 ? { violations } : { resolved, violations };
}

function pathSegments(path: unknown, violations: Violation[]): string[] | undefined {
  const text = typeof path === 'string' ? path.trim() : '';
  const refuse = (message: string) => {
    violations.push({ path: 'path', rule: 'format', message });
    return undefined;
  };
  if (text === '') return refuse('path is required');
  if (!text.startsWith(API_PATH_PREFIX)) {
    return refuse(
      `path must start with ${API_PATH_PREFIX}: a full URL or another host is refused, so the API key only goes to Trending`,
    );
  }
  if (/[?#\\]/.test(text)) return refuse('path must not carry a query string, a fragment or a backslash');
  const segments = text.replace(/\/$/, '').split('/').slice(1);
  if (segments.some((s) => s === '' || s === '.' || s === '..'))
    return refuse('path must not have empty, . or .. parts');
  try {
    return segments.map((s) => decodeURIComponent(s));
  } catch {
    return refuse('path has a malformed %-escape');
  }
}

function matchPath(pattern: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').slice(1);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name !== undefined) params[name] = segments[i]!;
    else if (part !== segments[i]) return undefined;
  }
  if (params.template !== undefined && !isTemplateId(params.template)) return undefined;
  return params;
}

/** Sends requests resolved by resolveApiRequest, configured like a TrendingClient (same options, same defaults). */
export class ApiRequester {
  readonly #http: HttpClient;
  readonly #apiKey?: string;

  constructor(options: TrendingClientOptions) {
    this.#apiKey = options.apiKey;
    this.#http = httpClientFor(options);
  }

  /**
   * Sends the request; a 2xx answer resolves, any other throws a TrendingError as the typed methods do. Endpoints that
   * require an Idempotency-Key are refused without `options.idempotencyKey`; others send it when given.
   */
  async send(input: ApiRequestInput, options: CallOptions & { idempotencyKey?: string } = {}): Promise<ApiResponse> {
    const { resolved, violations } = resolveApiRequest(input);
    const { idempotencyKey, ...callOptions } = options;
    if (resolved?.endpoint.idempotency === 'required' && !idempotencyKey) {
      violations.push({ path: 'idempotencyKey', rule: 'required', message: 'idempotencyKey is required here' });
    }
    if (resolved === undefined || violations.length > 0) throw validationError(violations);
    const secrets = [this.#apiKey, ...bodySecrets(input.body)];
    const res = await this.#http.send(
      {
        endpoint: resolved.endpoint.id,
        params: resolved.params,
        query: input.query,
        json: input.body,
        idempotencyKey,
        secrets,
      },
      callOptions,
    );
    // The answer is the user's to map, minus anything secret the request carried, should the API echo it.
    const body = parsed(redact(res.body, secrets));
    const bodyId =
      typeof body === 'object' && body !== null ? (body as { request_id?: unknown }).request_id : undefined;
    const requestId = typeof bodyId === 'string' ? bodyId : res.headers['x-request-id'];
    return { status: res.status, headers: res.headers, body, requestId };
  }
}

function parsed(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
