/**
 * The sending side of Trending's HMAC scheme: `sha256=` + hex HMAC-SHA256 over `{timestamp}.{raw body}` (V1), or over
 * the body alone (legacy `X-Trending-Signature`). Signed triggers and the outbound-webhook simulator both use it, so
 * the bytes signed are always the bytes sent.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { HttpRequest } from './transport';

const SIGNATURE_PREFIX = 'sha256=';

export function computeSignature(secret: string, timestamp: string | number, body: string | Uint8Array): string {
  requireSecret(secret);
  const ts = String(timestamp);
  // A millisecond clock or a float would still be signed happily and then rejected by the receiver's window.
  if (!/^[0-9]+$/.test(ts)) throw new TypeError('timestamp must be Unix seconds (digits only)');
  // Two updates concatenate bytes: a Uint8Array body is signed as received, never decoded and re-encoded.
  return SIGNATURE_PREFIX + createHmac('sha256', secret).update(`${ts}.`).update(body).digest('hex');
}

export function computeLegacySignature(secret: string, body: string | Uint8Array): string {
  requireSecret(secret);
  return SIGNATURE_PREFIX + createHmac('sha256', secret).update(body).digest('hex');
}

export interface SignedTriggerInput {
  baseUrl: string;
  triggerId: string;
  secret: string;
  body: Record<string, unknown>;
  /** Stable across retries of the same logical request, so a retry never creates a second video. */
  idempotencyKey: string;
  nowMs: number;
  /** Defaults to a fresh UUID per call: the API rejects a reused nonce for the same trigger. */
  nonce?: string;
}

export function buildSignedTriggerRequest(input: SignedTriggerInput): HttpRequest {
  const { baseUrl, triggerId, secret, idempotencyKey, nowMs } = input;
  requireSecret(secret);
  const nonce = input.nonce ?? randomUUID();
  requireHeaderValue('triggerId', triggerId);
  requireHeaderValue('idempotencyKey', idempotencyKey);
  requireHeaderValue('nonce', nonce);

  // A signed trigger exists so that no API key is shared; one left in the body would defeat that.
  const { api_key: _apiKey, ...rest } = input.body;
  // The key is repeated in the body for senders that cannot set headers; the explicit parameter wins.
  const body = JSON.stringify({ ...rest, idempotency_key: idempotencyKey });
  const timestamp = unixSeconds(nowMs);

  return {
    method: 'POST',
    url: `${baseUrl.replace(/\/+$/, '')}/api/v1/triggers/webhook`,
    headers: {
      'content-type': 'application/json',
      'x-trending-trigger': triggerId,
      'x-trending-timestamp': timestamp,
      'x-trending-signature-v1': computeSignature(secret, timestamp, body),
      'x-trending-nonce': nonce,
      'idempotency-key': idempotencyKey,
    },
    body,
  };
}

/** The signature headers a sender of outbound webhooks adds (Trending itself, the simulator, tests). */
export function signWebhookDelivery(
  secret: string,
  nowMs: number,
  rawBody: string | Uint8Array,
): { 'x-trending-timestamp': string; 'x-trending-signature-v1': string; 'x-trending-signature': string } {
  const timestamp = unixSeconds(nowMs);
  return {
    'x-trending-timestamp': timestamp,
    'x-trending-signature-v1': computeSignature(secret, timestamp, rawBody),
    'x-trending-signature': computeLegacySignature(secret, rawBody),
  };
}

function unixSeconds(nowMs: number): string {
  if (!Number.isFinite(nowMs) || nowMs < 0) throw new TypeError('nowMs must be a non-negative number of milliseconds');
  return String(Math.floor(nowMs / 1000));
}

function requireSecret(secret: string): void {
  // An empty key still yields a valid-looking HMAC that anyone can forge.
  if (typeof secret !== 'string' || secret === '') throw new TypeError('a non-empty signing secret is required');
}

function requireHeaderValue(name: string, value: string): void {
  // CR/LF or other controls in a header value would be rejected by the HTTP stack or, worse, split the header.
  // eslint-disable-next-line no-control-regex
  if (typeof value !== 'string' || value === '' || /[\x00-\x1f\x7f]/.test(value)) {
    throw new TypeError(`${name} must be a non-empty string without control characters`);
  }
}

/**
 * A webhook secret that needs no storage: HMAC-SHA256 keyed with the API key over a context that names the waiting
 * party (an n8n execution and node, a Zapier callback nonce). Whoever holds the API key (the host, in any process of
 * a queue-mode setup, and Trending) can recompute it; anyone who only sees the context cannot forge a delivery.
 */
export function deriveWebhookSecret(apiKey: string, ...context: string[]): string {
  if (apiKey === '') throw new Error('deriveWebhookSecret needs the API key');
  return `whsec_${createHmac('sha256', apiKey)
    .update(['trending-webhook-secret-v1', ...context].join('|'))
    .digest('hex')}`;
}
