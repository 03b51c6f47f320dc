/** Signed triggers and idempotency: the headers, the signature, the time window and nonce replays. */
import type { Stated } from './rule';

export const SIGNATURE_WINDOW_SECONDS: Stated<number> = {
  value: 300,
  reference: 'X-Trending-Timestamp — Unix seconds (string). Requests must be within ~5 minutes.',
};

export const SIGNATURE_FORMULA: Stated<string> = {
  value: 'sha256=',
  reference: 'expected = "sha256=" + HMAC_SHA256(timestamp + "." + raw_body, trigger_secret)',
};

export const NONCE_REPLAY: Stated<string> = {
  value: 'nonce_reused',
  reference: 'When you send a nonce, we reject duplicates (replays) for that trigger.',
};

export const IDEMPOTENCY_REQUIRED: Stated<string> = {
  value: 'idempotency_required',
  reference: 'idempotency_required — send Idempotency-Key for create/trigger requests.',
};

export const RENDER_IDEMPOTENCY: Stated<string> = {
  value: 'idempotency_required',
  reference: 'POST /api/v1/story/videos/{video_id}/render (send Idempotency-Key)',
};

export const BODY_IDEMPOTENCY_KEY: Stated<string> = {
  value: 'idempotency_key',
  reference: 'you can send idempotency_key in the JSON body and we will treat it like the header.',
};
