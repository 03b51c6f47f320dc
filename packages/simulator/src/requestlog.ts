/**
 * What `GET /_sim/requests` shows: each API request with a few headers. Credentials and signatures are replaced by
 * [REDACTED] here, at the one place a request is recorded, so no inspection output can leak them.
 */
import type { IncomingHttpHeaders } from 'node:http';

const KEPT_HEADERS = [
  'content-type',
  'content-length',
  'user-agent',
  'idempotency-key',
  'if-match',
  'x-trending-client',
  'x-trending-trigger',
  'x-trending-timestamp',
  'x-trending-nonce',
] as const;

const REDACTED_HEADERS = [
  'authorization',
  'x-trending-api-key',
  'x-api-key',
  'x-trending-signature-v1',
  'x-trending-signature',
] as const;

export const REDACTED = '[REDACTED]';

export interface RequestLogEntry {
  request_id: string;
  at: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  account_id: number | null;
  trigger_id: string | null;
  status: number | null;
  error_code: string | null;
  duration_ms: number | null;
  /** What chaos did to this request, if anything. */
  chaos: string | null;
}

export const MAX_LOG_ENTRIES = 2000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  start(requestId: string, method: string, rawUrl: string, headers: IncomingHttpHeaders, at: string): RequestLogEntry {
    const entry: RequestLogEntry = {
      request_id: requestId,
      at,
      method,
      path: redactQuery(rawUrl),
      headers: selectHeaders(headers),
      account_id: null,
      trigger_id: null,
      status: null,
      error_code: null,
      duration_ms: null,
      chaos: null,
    };
    this.entries.push(entry);
    if (this.entries.length > MAX_LOG_ENTRIES) this.entries.splice(0, this.entries.length - MAX_LOG_ENTRIES);
    return entry;
  }

  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e, headers: { ...e.headers } }));
  }

  clear(): void {
    this.entries = [];
  }
}

function selectHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const v = headers[name];
    if (typeof v === 'string') out[name] = v;
  }
  for (const name of REDACTED_HEADERS) if (headers[name] !== undefined) out[name] = REDACTED;
  return out;
}

/** Signed render URLs and any `api_key`-like query parameter keep their names but lose their values. */
function redactQuery(rawUrl: string): string {
  const q = rawUrl.indexOf('?');
  if (q < 0) return rawUrl;
  const params = new URLSearchParams(rawUrl.slice(q + 1));
  for (const key of [...params.keys()]) {
    if (/key|signature|secret|token/i.test(key)) params.set(key, REDACTED);
  }
  return `${rawUrl.slice(0, q)}?${params.toString()}`;
}
