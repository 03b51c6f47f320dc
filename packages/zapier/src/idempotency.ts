/**
 * The Idempotency-Key of a Zapier step. Zapier gives an action no run identifier (bundle.meta has flags, a timezone
 * and, in some contexts, the Zap's id), but a replayed step (Autoreplay, "Replay" in Zap history) receives the same
 * inputData again. So the key is derived from the Zap (when Zapier says which), the operation and the request itself:
 * a replay sends the same key and the API returns the existing run instead of creating and charging a second video.
 *
 * The cost: two runs of one Zap with identical inputs (a schedule with a fixed prompt) are the same request to the
 * API. The Idempotency Key input field covers that: map something unique from the trigger into it. The mapped value
 * is never sent as it is: it is derived with the Zap and the step's scope too, so one trigger ID mapped into a Create
 * and a later Render, or into two Zaps, gives different keys (the API would otherwise return the first run for both).
 */
import { deriveIdempotencyKey } from '@trending/core';
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
    'The value is combined with this Zap and this action before it is sent, so the same value in another Zap or another action (a Create and a later Render) never returns the wrong video, ' +
    'and the same value in this step always returns the same one.',
};

/**
 * `scope` says what the step does and to what: the operation, the template and, for an action on an existing video,
 * its ID. `identity` is what a create asks for (core's requestIdentity of the body); it only enters the derived key,
 * because a mapped key already names the request.
 */
export function idempotencyKeyFor(
  bundle: Pick<Bundle, 'inputData' | 'meta'>,
  scope: readonly (string | number)[],
  identity?: string,
): string {
  const zapId = bundle.meta?.zap?.id;
  const zap = zapId === undefined || zapId === null ? '-' : String(zapId);
  const mapped = mappedKey(bundle.inputData.idempotency_key);
  if (mapped !== undefined) return deriveIdempotencyKey('zapier-custom', zap, ...scope, mapped);
  return deriveIdempotencyKey('zapier', zap, ...scope, ...(identity === undefined ? [] : [identity]));
}

function mappedKey(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}
