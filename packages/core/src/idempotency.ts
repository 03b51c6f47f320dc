/**
 * Idempotency keys that stay the same across a host's retries of one logical request (n8n Retry on Fail, a Zapier
 * replay, re-running the same CSV row), so a retry returns the existing run instead of creating and charging twice.
 */
import { createHash, randomBytes } from 'node:crypto';

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

/** 1..255 printable ASCII characters, not starting or ending with a space (HTTP stacks trim header values). */
export function isValidIdempotencyKey(key: unknown): key is string {
  return typeof key === 'string' && key.length <= 255 && /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(key);
}

/**
 * A random v4 UUID, only for callers with nothing stable to derive from: a key made at retry time would defeat
 * idempotency. `source` returns `n` random bytes; node:crypto by default.
 */
export function newIdempotencyKey(source: (n: number) => Uint8Array = randomBytes): string {
  const bytes = source(16);
  if (bytes.length < 16) throw new TypeError('the random source returned fewer than 16 bytes');
  return uuidFromBytes(bytes.subarray(0, 16), 4);
}

function uuidFromBytes(input: Uint8Array, version: 4 | 5): string {
  const bytes = Uint8Array.from(input);
  bytes[6] = (bytes[6]! & 0x0f) | (version << 4);
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
