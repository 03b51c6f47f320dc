/**
 * Default Idempotency-Keys for the command line: the same command (or the same CSV row) always yields the same key,
 * so running it again returns the existing video instead of creating and charging a second one. What identifies a
 * request body is core's requestIdentity, the same for every face.
 */
import { deriveIdempotencyKey, requestIdentity } from '@trending/core';

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
 * What a trigger row's key is scoped to. The same row sent somewhere else is a different request: the API (a
 * simulator, production) and the target (a signed trigger, or the API-key trigger endpoint) are part of every row key,
 * so a journal or a key from one never stands for the other.
 */
export interface RowKeyScope {
  /** The normalised API base URL. */
  baseUrl: string;
  /** `trigger:<id>` for a signed trigger, `apikey` for the API-key trigger endpoint. */
  target: string;
  /** --key-prefix: the user's own scope, such as a campaign. */
  prefix?: string;
  /** --id-column, as normalised for matching headers: part of an id key, so `ref` 1 and `row` 1 differ. */
  idColumn?: string;
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
  const where = [scope.baseUrl, scope.target, scope.prefix ?? ''];
  return row.id !== undefined
    ? deriveIdempotencyKey('trending-cli.trigger.id', ...where, row.template, scope.idColumn ?? '', row.id)
    : deriveIdempotencyKey('trending-cli.trigger', ...where, requestIdentity(row.body));
}
