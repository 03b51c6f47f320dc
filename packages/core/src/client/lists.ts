/** Response shapes the reference leaves open. */
import { TrendingError } from '../errors';
import type { HttpResponse } from '../transport';
import { parseJsonResponse } from './http';
import type { ListResult, ListScriptResult } from './types';

/**
 * The reference names the items of each list endpoint but not the key that holds them, so the documented-sounding
 * key is tried first, then the common envelopes (`data`, `items`), then a bare array.
 */
export function listItems<T>(raw: unknown, keys: readonly string[]): ListResult<T> {
  if (Array.isArray(raw)) return { items: raw as T[], raw: {} };
  const body = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  for (const key of [...keys, 'data', 'items']) {
    const value = body[key];
    if (Array.isArray(value)) return { items: value as T[], raw: body };
  }
  throw new TrendingError({
    code: 'invalid_response',
    message: `The list response has none of the expected arrays (${[...keys, 'data', 'items'].join(', ')}).`,
    requestId: typeof body.request_id === 'string' ? body.request_id : undefined,
  });
}

/** GET/PUT/PATCH .../script answer `{ script: {...} }` and an ETag header when script.updated_at is known. */
export function listScriptResult(res: HttpResponse): ListScriptResult {
  const body = parseJsonResponse<Record<string, unknown>>(res);
  const requestId = typeof body.request_id === 'string' ? body.request_id : undefined;
  if (typeof body.script !== 'object' || body.script === null || Array.isArray(body.script)) {
    throw new TrendingError({
      code: 'invalid_response',
      message: 'The List script response has no `script` object.',
      status: res.status,
      requestId,
    });
  }
  return { script: body.script as ListScriptResult['script'], etag: res.headers.etag, requestId };
}
