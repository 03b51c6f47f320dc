/**
 * Default Idempotency-Keys for the command line: the same command (or the same CSV row) always yields the same key,
 * so running it again returns the existing video instead of creating and charging a second one. What identifies a
 * request body is core's requestIdentity, the same for every face.
 */
import { deriveIdempotencyKey, normalizeBaseUrl, requestIdentity } from '@trending/core';

/**
 * Field order does not matter (`--name a --prompt b` is `--prompt b --name a`). The webhook secret is left out (a key
 * travels to the API and into journals), and so is the webhook URL: a tunnel or callback URL that changed since the
 * first run is still the same video, so the command never charges twice for it; --idempotency-key makes a new one.
 */
export function createKey(template: string, body: Readonly<Record<string, unknown>>): string {
  return deriveIdempotencyKey('trending-cli.create', template, requestIdentity(body));
}

/** One render per video unless the user asks for another with --idempotency-key. */
export function renderKey(template: string, videoId: string): string {
  return deriveIdempotencyKey('trending-cli.render', template, videoId);
}

/**
 * What a trigger row's key is scoped to. The API de-duplicates keys per account, whichever way a request reaches it
 * (the API-key trigger endpoint or any signed trigger of the account), so the target is NOT part of the key: the same
 * spreadsheet sent once with the API key and once through a trigger of the same account gets the first run's videos
 * back instead of a second set. The API itself is (a simulator and production are different accounts), written the
 * same way however the base URL was typed; see keyOrigin.
 */
export interface RowKeyScope {
  /** The API, as keyOrigin writes it. */
  origin: string;
  /** --key-prefix: the user's own scope, such as a campaign. */
  prefix?: string;
  /** --id-column, as normalised for matching headers: part of an id key, so `ref` 1 and `row` 1 differ. */
  idColumn?: string;
}

/**
 * The API a base URL names, spelled one way: core's normalizeBaseUrl (blank is production, no trailing slash), then
 * URL parsing, which lower-cases the scheme and host and drops a default port. `HTTPS://Trending.com/`,
 * `https://trending.com:443` and `https://trending.com` are the same API, so they give the same row keys.
 */
export function keyOrigin(baseUrl: string | undefined): string {
  const url = new URL(normalizeBaseUrl(baseUrl));
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * A trigger row: by its --id-column value when given (stable under edits to other cells), else by its content. An id
 * is only unique within its spreadsheet, so an id key also carries the row's template and the id column's name, and
 * --key-prefix tells apart spreadsheets that share both.
 */
export function rowKey(
  row: { id?: string; template: string; body: Readonly<Record<string, unknown>> },
  scope: RowKeyScope,
): string {
  const where = [scope.origin, scope.prefix ?? ''];
  return row.id !== undefined
    ? deriveIdempotencyKey('trending-cli.trigger.id', ...where, row.template, scope.idColumn ?? '', row.id)
    : deriveIdempotencyKey('trending-cli.trigger', ...where, requestIdentity(row.body));
}
