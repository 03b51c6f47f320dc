/**
 * Signatures as the reference defines them: signed triggers we send (X-Trending-Signature-V1 over
 * `{timestamp}.{raw_body}` with the trigger secret, within ~5 minutes, optional nonce) and outbound webhooks we
 * receive (the same V1 scheme with webhook.secret, a 300 s replay window, and the legacy body-only header).
 */
import { accepted, refused, type SignatureCase } from '../case';

const TRIGGER_BODY =
  '{"video_type":"story","idempotency_key":"123e4567-e89b-12d3-a456-426614174000","preview_only":false,"prompt":"A short scary story about a hotel keycard."}';

/** The reference's webhook payload example, as the raw bytes a receiver gets. */
const WEBHOOK_BODY = JSON.stringify({
  event: 'trending.story.v001.completed',
  pipeline_run_id: '6fba1c20-6d1c-4bb2-9a91-2c9f7fcb2d7c',
  video_id: 12345,
  template: 'story',
  template_version: 'v001',
  status: 'completed',
  preview_only: false,
  render_url: 'https://trending.com/studio/renders/123/download?signature=...',
  occurred_at: '2026-01-27T03:12:45Z',
  error: null,
});

const PSEUDO = 'expected = "sha256=" + HMAC_SHA256(timestamp + "." + raw_body, trigger_secret)';
const WINDOW = 'X-Trending-Timestamp — Unix seconds (string). Requests must be within ~5 minutes.';
const BAD_TRIGGER = refused(401, 'invalid_signature');
// A webhook receiver answers a bad delivery with 401 (the reference's abort(401)); the code names the reason's family.
const BAD_DELIVERY = refused(401, 'invalid_signature');

function sig(id: string, reference: string, rest: Omit<SignatureCase, 'kind' | 'id' | 'reference'>): SignatureCase {
  return { kind: 'signature', id: `signing.${id}`, reference, ...rest };
}

const trigger = (rest: Omit<SignatureCase, 'kind' | 'id' | 'reference' | 'direction' | 'body'>) => ({
  direction: 'trigger' as const,
  body: TRIGGER_BODY,
  ...rest,
});
const webhook = (rest: Omit<SignatureCase, 'kind' | 'id' | 'reference' | 'direction' | 'body'>) => ({
  direction: 'webhook' as const,
  body: WEBHOOK_BODY,
  ...rest,
});

export const signingCases: SignatureCase[] = [
  sig('trigger.example', PSEUDO, trigger({ ageSeconds: 0, scheme: 'v1', expect: accepted })),
  sig('trigger.age-within-window', WINDOW, trigger({ ageSeconds: 240, scheme: 'v1', expect: accepted })),
  sig('trigger.age-too-old', WINDOW, trigger({ ageSeconds: 900, scheme: 'v1', expect: BAD_TRIGGER })),
  sig('trigger.in-future', WINDOW, trigger({ ageSeconds: -900, scheme: 'v1', expect: BAD_TRIGGER })),
  sig(
    'trigger.wrong-secret',
    'X-Trending-Signature-V1: sha256=... — HMAC of {timestamp}.{raw_body} using the trigger secret',
    trigger({ ageSeconds: 0, scheme: 'v1', fault: 'wrongSecret', expect: BAD_TRIGGER }),
  ),
  sig(
    'trigger.body-changed',
    'Wrong body bytes: HMAC must be computed on the exact raw JSON sent (including whitespace).',
    trigger({ ageSeconds: 0, scheme: 'v1', fault: 'bodyChanged', expect: BAD_TRIGGER }),
  ),
  sig(
    'trigger.whitespace-body',
    'Wrong body bytes: HMAC must be computed on the exact raw JSON sent (including whitespace).',
    {
      direction: 'trigger',
      body: '{\n  "video_type": "story",\n  "idempotency_key": "7d0c1c9e-1f7a-4f59-9d0c-3e7a2b8c4d51",\n  "preview_only": true\n}',
      ageSeconds: 0,
      scheme: 'v1',
      expect: accepted,
    },
  ),
  sig(
    'trigger.no-signature',
    'invalid_signature — for signed triggers, recompute HMAC on the raw body bytes exactly as received.',
    trigger({ ageSeconds: 0, scheme: 'none', expect: BAD_TRIGGER }),
  ),
  sig(
    'trigger.legacy-only',
    'X-Trending-Signature-V1: sha256=... — HMAC of {timestamp}.{raw_body} using the trigger secret',
    trigger({ ageSeconds: 0, scheme: 'legacy', expect: BAD_TRIGGER }),
  ),
  sig(
    'trigger.nonce-reused',
    'When you send a nonce, we reject duplicates (replays) for that trigger.',
    trigger({ ageSeconds: 0, scheme: 'v1', fault: 'reusedNonce', expect: refused(401, 'nonce_reused') }),
  ),

  sig(
    'webhook.example',
    "$expected = 'sha256=' . hash_hmac('sha256', $timestamp . '.' . $raw, $secret);",
    webhook({ ageSeconds: 0, scheme: 'v1', expect: accepted }),
  ),
  sig(
    'webhook.age-within-window',
    'if ($ts <= 0 || abs(time() - $ts) > 300) {',
    webhook({ ageSeconds: 299, scheme: 'v1', expect: accepted }),
  ),
  sig(
    'webhook.age-too-old',
    'To reduce replay risk, reject old timestamps (example: older than 5 minutes):',
    webhook({ ageSeconds: 301, scheme: 'v1', expect: BAD_DELIVERY }),
  ),
  sig(
    'webhook.in-future',
    'if ($ts <= 0 || abs(time() - $ts) > 300) {',
    webhook({ ageSeconds: -301, scheme: 'v1', expect: BAD_DELIVERY }),
  ),
  sig(
    'webhook.wrong-secret',
    'We sign each request using your webhook.secret.',
    webhook({ ageSeconds: 0, scheme: 'v1', fault: 'wrongSecret', expect: BAD_DELIVERY }),
  ),
  sig(
    'webhook.body-changed',
    'Always compute the signature on the exact raw bytes you received (do not re-encode JSON).',
    webhook({ ageSeconds: 0, scheme: 'v1', fault: 'bodyChanged', expect: BAD_DELIVERY }),
  ),
  sig(
    'webhook.legacy-body-only',
    'X-Trending-Signature: sha256=... — legacy (body-only)',
    webhook({ ageSeconds: 0, scheme: 'legacy', acceptLegacy: true, expect: accepted }),
  ),
  sig(
    'webhook.unsigned',
    'If your receiver expects signatures but deliveries show as unsigned, set a webhook.secret on the request or endpoint.',
    webhook({ ageSeconds: 0, scheme: 'none', expect: BAD_DELIVERY }),
  ),
];
