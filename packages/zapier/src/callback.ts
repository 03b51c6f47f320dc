/**
 * "Wait for the video" by Zapier callback: the create registers z.generateCallbackUrl() as the job's webhook, signed
 * with a secret only this connection can recompute, and performResume checks the delivery before trusting it.
 *
 * Where the secret lives: nowhere. perform returns a random nonce (in bundle.outputData, which Zapier hands to
 * performResume and may show in the Zap's history), and the secret is core's deriveWebhookSecret (HMAC-SHA256 keyed with
 * the API key) over the nonce. performResume has the API key in bundle.authData, so it recomputes the secret; the nonce
 * alone is useless to anyone who sees it. Only the run's end events are subscribed (core's runEndEvents): a progress
 * event would resume the step early.
 */
import { randomBytes } from 'node:crypto';
import { checkWebhook, deriveWebhookSecret, type WebhookRejectReason } from '@trending/core';
import type { Bundle } from 'zapier-platform-core';

/** The per-wait secret: core's stateless derivation, keyed with the API key, over this face's context and the nonce. */
export function callbackSecret(apiKey: string, nonce: string): string {
  return deriveWebhookSecret(apiKey, 'zapier-callback', nonce);
}

export function newCallbackNonce(): string {
  return randomBytes(16).toString('hex');
}

export type CallbackVerdict =
  | { kind: 'verified'; eventName: string; deliveryId?: string }
  /** Zapier passed no raw body or no signature headers: nothing to check, the status GET decides alone. */
  | { kind: 'unverifiable' }
  | { kind: 'rejected'; reason: WebhookRejectReason; message: string };

/**
 * Zapier gives performResume the callback request as bundle.rawRequest ({ headers, content }) with header names in
 * its own style (`Http-X-Trending-Signature-V1`), and the parsed body as bundle.cleanedRequest. Only the raw bytes can
 * be verified; a parsed-and-re-serialised body never matches the signature.
 */
export function verifyCallback(bundle: Pick<Bundle, 'rawRequest'>, secret: string, nowMs: number): CallbackVerdict {
  const raw = bundle.rawRequest;
  const headers = normaliseHeaders(raw?.headers);
  if (typeof raw?.content !== 'string' || headers['x-trending-signature-v1'] === undefined) {
    return { kind: 'unverifiable' };
  }
  const result = checkWebhook({ rawBody: raw.content, headers, secrets: secret, nowMs });
  if (!result.ok) return { kind: 'rejected', reason: result.reason, message: result.message };
  return { kind: 'verified', eventName: result.verified.eventName, deliveryId: result.verified.deliveryId };
}

/** `Http-X-Trending-Timestamp`, `HTTP_X_TRENDING_TIMESTAMP` and `x-trending-timestamp` all become the last form. */
export function normaliseHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value !== 'string') continue;
    const key = name
      .toLowerCase()
      .replace(/_/g, '-')
      .replace(/^http-/, '');
    out[key] = value;
  }
  return out;
}
