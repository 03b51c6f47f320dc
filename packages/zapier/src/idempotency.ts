/**
 * The Idempotency-Key of a Zapier step. Zapier gives an action no run identifier (bundle.meta has flags, a timezone
 * and, in some contexts, the Zap's id), but a replayed step (Autoreplay, "Replay" in Zap history) receives the same
 * inputData again. So the key is derived from the Zap (when Zapier says which), the operation and the request itself:
 * a replay sends the same key and the API returns the existing run instead of creating and charging a second video.
 *
 * The cost: two runs of one Zap with identical inputs (a schedule with a fixed prompt) are the same request to the
 * API. The Idempotency Key input field covers that: map something unique from the trigger into it.
 */
import { deriveIdempotencyKey, isValidIdempotencyKey } from '@trending/core';
import type { Bundle, PlainInputField } from 'zapier-platform-core';

export const IDEMPOTENCY_FIELD: PlainInputField = {
  key: 'idempotency_key',
  label: 'Idempotency Key',
  type: 'string',
  required: false,
  group: 'advanced',
  helpText:
    'Leave empty: the key is derived from this Zap and the values above, so a replayed step never creates (or charges) a second video. ' +
    'If this Zap should make a new video from identical values (for example a schedule with a fixed prompt), map something unique from the trigger here, such as its ID or date. ' +
    'Up to 255 printable characters.',
};

export function idempotencyKeyFor(bundle: Pick<Bundle, 'inputData' | 'meta'>, ...parts: (string | number)[]): string {
  const override = bundle.inputData.idempotency_key;
  if (typeof override === 'string' && override.trim() !== '') {
    const key = override.trim();
    if (!isValidIdempotencyKey(key)) {
      throw new Error(
        'Idempotency Key must be 1 to 255 printable ASCII characters (no line breaks or control characters).',
      );
    }
    return key;
  }
  const zapId = bundle.meta?.zap?.id;
  return deriveIdempotencyKey('zapier', zapId === undefined || zapId === null ? '-' : String(zapId), ...parts);
}

/** JSON with sorted keys, so the same body always derives the same key whatever order its fields were built in. */
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
