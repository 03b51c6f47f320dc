/**
 * Trending's HMAC scheme, from the reference: V1 is `"sha256=" + HMAC_SHA256(timestamp + "." + raw_body, secret)`
 * (signed triggers and webhooks), the legacy webhook header is the same over the body alone.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_FORMULA } from './rules/triggers';

export function signatureV1(secret: string, timestamp: string, body: string | Buffer): string {
  return SIGNATURE_FORMULA.value + createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

export function legacySignature(secret: string, body: string | Buffer): string {
  return SIGNATURE_FORMULA.value + createHmac('sha256', secret).update(body).digest('hex');
}

export function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The headers a webhook delivery carries when the run has a webhook.secret; the timestamp is Unix seconds. */
export function webhookSignatureHeaders(secret: string, nowMs: number, body: string): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    'x-trending-timestamp': timestamp,
    'x-trending-signature-v1': signatureV1(secret, timestamp, body),
    'x-trending-signature': legacySignature(secret, body),
  };
}
