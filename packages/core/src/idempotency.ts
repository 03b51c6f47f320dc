/**
 * Idempotency keys that stay the same across a host's retries of one logical request (n8n Retry on Fail, a Zapier
 * replay, re-running the same CSV row), so a retry returns the existing run instead of creating and charging twice.
 */
import { createHash } from 'node:crypto';

// Versioned so that a future change of derivation can never collide with keys already sent.
const NAMESPACE = 'trending-idempotency-v1';

/**
 * A UUID-shaped key (version nibble 5, RFC 4122 variant) from SHA-256 of the parts. Each part is length-prefixed, so
 * ('ab', 'c') and ('a', 'bc') differ. Numbers and their decimal strings give the same key (a CSV row number read as
 * text is still the same row).
 */
export function deriveIdempotencyKey(...parts: (string | number)[]): string {
  if (parts.length === 0) throw new TypeError('deriveIdempotencyKey needs at least one part (e.g. execution id)');
  const hash = createHash('sha256').update(NAMESPACE);
  for (const part of parts) {
    if (typeof part === 'number' && !Number.isFinite(part)) throw new TypeError('idempotency key parts must be finite');
    if (typeof part !== 'number' && typeof part !== 'string')
      throw new TypeError('idempotency key parts must be strings or numbers');
    const text = String(part);
    hash.update(`${new TextEncoder().encode(text).length}:${text}`);
  }
  return uuidFromBytes(hash.digest().subarray(0, 16), 5);
}

/**
 * Printable ASCII, not starting or ending with a space: the reference sets no length or alphabet, but an HTTP header
 * carries nothing else intact (stacks trim the ends and refuse control and non-Latin characters).
 */
export function isValidIdempotencyKey(key: unknown): key is string {
  return typeof key === 'string' && /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(key);
}

export const IDEMPOTENCY_KEY_RULE =
  'printable ASCII characters (an HTTP header carries no others), not starting or ending with a space';

function uuidFromBytes(input: Uint8Array, version: 5): string {
  const bytes = Uint8Array.from(input);
  bytes[6] = (bytes[6]! & 0x0f) | (version << 4);
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** JSON with object keys sorted at every level, so the same request built in any field order is the same text. */
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
 * What identifies the video a body asks for, as text to derive a key from. Secrets and transport details are left
 * out: a key travels to the API and into journals, and a hash over a secret would let anyone holding the key test
 * guesses of a weak secret; the webhook URL may change per run (a callback or resume URL) without changing the video.
 */
export function requestIdentity(body: Readonly<Record<string, unknown>>): string {
  const { webhook, api_key: _apiKey, idempotency_key: _key, ...rest } = body;
  if (typeof webhook !== 'object' || webhook === null || Array.isArray(webhook)) return canonicalJson(rest);
  const { secret: _secret, url: _url, ...kept } = webhook as Record<string, unknown>;
  return canonicalJson({ ...rest, webhook: kept });
}
