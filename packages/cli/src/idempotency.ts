/**
 * Default Idempotency-Keys for the command line: the same command (or the same CSV row) always yields the same key,
 * so running it again returns the existing video instead of creating and charging a second one.
 */
import { deriveIdempotencyKey } from '@trending/core';

/** JSON with object keys sorted at every level: `--name a --prompt b` and `--prompt b --name a` are one request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What identifies the video asked for. The webhook secret is left out: the key travels to the API and into journals,
 * and a hash over a body that includes the secret would let anyone holding the key test guesses of a weak secret.
 */
function identity(body: Readonly<Record<string, unknown>>): string {
  const webhook = body.webhook;
  if (typeof webhook !== 'object' || webhook === null || Array.isArray(webhook)) return canonicalJson(body);
  const { secret: _secret, ...rest } = webhook as Record<string, unknown>;
  return canonicalJson({ ...body, webhook: rest });
}

export function createKey(template: string, body: Readonly<Record<string, unknown>>): string {
  return deriveIdempotencyKey('trending-cli.create', template, identity(body));
}

/** One render per video unless the user asks for another with --idempotency-key. */
export function renderKey(template: string, videoId: string): string {
  return deriveIdempotencyKey('trending-cli.render', template, videoId);
}

/** A trigger row: by its --id-column value when given (stable under edits to other cells), else by its content. */
export function rowKey(row: { id?: string; body: Readonly<Record<string, unknown>> }): string {
  return row.id !== undefined
    ? deriveIdempotencyKey('trending-cli.trigger.id', row.id)
    : deriveIdempotencyKey('trending-cli.trigger', identity(row.body));
}
