/**
 * The receiving side of outbound webhooks: one call that takes the raw request and either returns a verified payload
 * or says exactly why not. Shaped after Stripe's `constructEvent`: the raw body in, the parsed event out, so nothing
 * is parsed (or trusted) before its signature holds.
 */
import { timingSafeEqual } from 'node:crypto';
import { computeLegacySignature, computeSignature } from './signing';
import { isPaddedSecret, paddedSecretNote } from './secrets';

export type WebhookRejectReason =
  | 'no_secret'
  | 'missing_signature'
  | 'missing_timestamp'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'signature_mismatch'
  | 'legacy_signature_not_allowed'
  | 'invalid_payload';

/** Carries a reason and an actionable message; never a secret, an expected signature or an echoed header. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';

  constructor(
    readonly reason: WebhookRejectReason,
    message: string,
  ) {
    super(message);
  }
}

export interface VerifyWebhookOptions {
  /** The body exactly as received; a parsed-and-re-serialised body will not verify. */
  rawBody: string | Uint8Array;
  /** Header names in any case; for a repeated header the first value is used. */
  headers: Record<string, string | string[] | undefined>;
  /** Current secret first; older ones still accepted during a rotation overlap. Empty strings are ignored. */
  secrets: string | readonly string[];
  nowMs: number;
  /** Allowed clock difference in either direction. Default 300. */
  toleranceSeconds?: number;
  /**
   * Accept the body-only legacy `X-Trending-Signature` when no V1 header is present. Off by default: it covers no
   * timestamp, so a captured delivery can be replayed forever.
   */
  allowLegacy?: boolean;
}

/**
 * The reference's payload shape. Fields beyond "a JSON object with an event" are typed, not enforced, so a schema
 * drift never makes a receiver 401 a genuine delivery (which the API would then retry ten times).
 */
export interface WebhookPayload {
  event: string;
  pipeline_run_id?: string;
  video_id: number;
  template: string;
  template_version?: string;
  status?: string;
  preview_only?: boolean;
  render_url?: string | null;
  occurred_at?: string;
  error?: { code?: string; message?: string; step?: string } | null;
  [key: string]: unknown;
}

export interface VerifiedWebhook {
  payload: WebhookPayload;
  eventName: string;
  /** `X-Trending-Delivery`, for de-duplication (delivery is at-least-once). Not covered by the signature. */
  deliveryId?: string;
  /** Signed Unix seconds (V1 only: the legacy scheme does not sign a timestamp). */
  timestamp?: number;
  scheme: 'v1' | 'legacy';
  /** Position in `secrets` of the secret that matched: above 0 means the sender still uses an older secret. */
  secretIndex: number;
}

const DEFAULT_TOLERANCE_SECONDS = 300;
const encoder = new TextEncoder();

export function verifyWebhook(options: VerifyWebhookOptions): VerifiedWebhook {
  const { rawBody, nowMs, allowLegacy = false, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS } = options;
  if (typeof rawBody !== 'string' && !(rawBody instanceof Uint8Array)) {
    throw new TypeError('rawBody must be the raw request body (string or Uint8Array), not parsed JSON');
  }
  if (!Number.isFinite(nowMs)) throw new TypeError('nowMs must be a number of milliseconds');
  if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
    throw new RangeError('toleranceSeconds must be a non-negative number');
  }

  const secrets = (typeof options.secrets === 'string' ? [options.secrets] : options.secrets)
    .map((secret, index) => ({ secret, index }))
    .filter(({ secret }) => typeof secret === 'string' && secret !== '');
  if (secrets.length === 0) {
    fail(
      'no_secret',
      'No webhook signing secret is configured. Use the secret sent as webhook.secret on the create request.',
    );
  }

  const header = headerReader(options.headers);
  const v1 = header('x-trending-signature-v1');
  const legacy = header('x-trending-signature');
  let verified: Pick<VerifiedWebhook, 'scheme' | 'secretIndex' | 'timestamp'>;

  if (v1 !== undefined) {
    const timestamp = header('x-trending-timestamp');
    if (timestamp === undefined) {
      fail(
        'missing_timestamp',
        'Webhook has X-Trending-Signature-V1 but no X-Trending-Timestamp header; check that no proxy strips headers.',
      );
    }
    if (!/^[0-9]{1,12}$/.test(timestamp) || Number(timestamp) === 0) {
      fail('invalid_timestamp', 'X-Trending-Timestamp must be Unix seconds (digits only).');
    }
    const secretIndex = matchingSecret(secrets, v1, (secret) => computeSignature(secret, timestamp, rawBody));
    // The window is checked after the signature so that a stale/future reason always refers to a genuine timestamp.
    const ts = Number(timestamp);
    const age = Math.floor(nowMs / 1000) - ts;
    if (age > toleranceSeconds) {
      fail(
        'timestamp_too_old',
        `Webhook timestamp is ${age} s old; deliveries older than ${toleranceSeconds} s are rejected (replay protection). Check the receiver's clock.`,
      );
    }
    if (-age > toleranceSeconds) {
      fail(
        'timestamp_in_future',
        `Webhook timestamp is ${-age} s in the future; more than ${toleranceSeconds} s ahead is rejected. Check the receiver's clock.`,
      );
    }
    verified = { scheme: 'v1', secretIndex, timestamp: ts };
  } else if (legacy !== undefined) {
    if (!allowLegacy) {
      fail(
        'legacy_signature_not_allowed',
        'Webhook carries only the legacy body-only X-Trending-Signature, which signs no timestamp and can be replayed. Allow legacy signatures only for a sender that cannot send X-Trending-Signature-V1.',
      );
    }
    verified = {
      scheme: 'legacy',
      secretIndex: matchingSecret(secrets, legacy, (secret) => computeLegacySignature(secret, rawBody)),
    };
  } else {
    fail(
      'missing_signature',
      'Webhook has no X-Trending-Signature-V1 header. Deliveries are signed only when webhook.secret is set on the create request; set it, and check that no proxy strips headers.',
    );
  }

  const payload = parsePayload(rawBody);
  const headerEvent = header('x-trending-event');
  // The header is not signed and the payload is: a disagreement means someone rewrote the header.
  if (headerEvent !== undefined && payload.event !== undefined && headerEvent !== payload.event) {
    fail('invalid_payload', "X-Trending-Event header does not match the signed payload's event.");
  }
  const eventName = payload.event ?? headerEvent;
  if (eventName === undefined) fail('invalid_payload', 'Webhook payload has no event name.');

  return { payload: payload as WebhookPayload, eventName, deliveryId: header('x-trending-delivery'), ...verified };
}

/** The non-throwing twin, for receivers that answer 401 with the message. Programming errors still throw. */
export function checkWebhook(
  options: VerifyWebhookOptions,
): { ok: true; verified: VerifiedWebhook } | { ok: false; reason: WebhookRejectReason; message: string } {
  try {
    return { ok: true, verified: verifyWebhook(options) };
  } catch (error) {
    if (error instanceof WebhookVerificationError) return { ok: false, reason: error.reason, message: error.message };
    throw error;
  }
}

function fail(reason: WebhookRejectReason, message: string): never {
  throw new WebhookVerificationError(reason, message);
}

function headerReader(headers: VerifyWebhookOptions['headers']): (name: string) => string | undefined {
  const byName = new Map<string, string>();
  for (const [name, raw] of Object.entries(headers)) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    const key = name.toLowerCase();
    if (typeof value === 'string' && value !== '' && !byName.has(key)) byName.set(key, value);
  }
  return (name) => byName.get(name);
}

/**
 * Tries every secret, even after a match, and compares equal-length buffers only (a wrong-length signature is compared
 * against the expected one itself), so the time taken reveals neither which secret matched nor how much of it did.
 */
function matchingSecret(
  secrets: readonly { secret: string; index: number }[],
  received: string,
  sign: (secret: string) => string,
): number {
  const got = encoder.encode(received);
  let matched = -1;
  for (const { secret, index } of secrets) {
    const expected = encoder.encode(sign(secret));
    const sameLength = got.length === expected.length;
    const equal = timingSafeEqual(sameLength ? got : expected, expected) && sameLength;
    if (equal && matched < 0) matched = index;
  }
  if (matched < 0) {
    const padded = secrets.some(({ secret }) => isPaddedSecret(secret));
    fail(
      'signature_mismatch',
      `Webhook signature matches none of the ${secrets.length} configured secret(s). Sign and verify the raw body bytes exactly as received (never re-encoded JSON) with the secret sent as webhook.secret.` +
        (padded ? ` ${paddedSecretNote('A configured secret')}.` : ''),
    );
  }
  return matched;
}

function parsePayload(rawBody: string | Uint8Array): Record<string, unknown> & { event?: string } {
  let parsed: unknown;
  try {
    const text = typeof rawBody === 'string' ? rawBody : new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
    parsed = JSON.parse(text);
  } catch {
    fail('invalid_payload', 'Webhook body is signed correctly but is not valid UTF-8 JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    fail('invalid_payload', 'Webhook body must be a JSON object.');
  }
  const payload = parsed as Record<string, unknown>;
  if (payload.event !== undefined && typeof payload.event !== 'string') {
    fail('invalid_payload', 'Webhook payload event must be a string.');
  }
  return payload as Record<string, unknown> & { event?: string };
}
