import { describe, expect, it, vi } from 'vitest';
import { timingSafeEqual } from 'node:crypto';
import { signWebhookDelivery } from '../src/signing';
import {
  checkWebhook,
  verifyWebhook,
  WebhookVerificationError,
  type VerifyWebhookOptions,
  type WebhookRejectReason,
} from '../src/webhooks';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

// The reference's completed payload, compact. Signatures below come from openssl, not from core:
//   printf '%s.%s' 1769483565 "$P" | openssl dgst -sha256 -hmac whsec_current
const BODY =
  '{"event":"trending.story.v001.completed","pipeline_run_id":"6fba1c20-6d1c-4bb2-9a91-2c9f7fcb2d7c","video_id":12345,"template":"story","template_version":"v001","status":"completed","preview_only":false,"render_url":"https://trending.com/studio/renders/123/download?signature=abc","occurred_at":"2026-01-27T03:12:45Z","error":null}';
const TS = 1769483565;
const NOW = TS * 1000 + 400;
const SECRET = 'whsec_current';
const PREVIOUS = 'whsec_previous';
const V1 = 'sha256=8b92142cfcd265ce0ab0c8d66434914d361bb20137407da449c37799d013578e';
const V1_PREVIOUS = 'sha256=abd63480a1f8b1e168fb7f493385d78a2c4fed991e4b82c35a2acd6a2e26b1ba';
const LEGACY = 'sha256=e0b55e1fc51068a7b9e9ed94372d24747c8ca383619936aa26a54b424db19d19';

const delivery = (over: Partial<VerifyWebhookOptions> = {}): VerifyWebhookOptions => ({
  rawBody: BODY,
  headers: {
    'content-type': 'application/json',
    'x-trending-delivery': 'dlv_1',
    'x-trending-event': 'trending.story.v001.completed',
    'x-trending-timestamp': String(TS),
    'x-trending-signature-v1': V1,
    'x-trending-signature': LEGACY,
  },
  secrets: SECRET,
  nowMs: NOW,
  ...over,
});

const withHeaders = (headers: VerifyWebhookOptions['headers']) => delivery({ headers });

/** A fully signed delivery of any body, using the sender helper (itself checked against openssl in signing.test). */
const signed = (rawBody: string | Uint8Array, secret = SECRET, nowMs = NOW): VerifyWebhookOptions => ({
  rawBody,
  headers: { ...signWebhookDelivery(secret, nowMs, rawBody) },
  secrets: SECRET,
  nowMs,
});

function rejection(options: VerifyWebhookOptions): WebhookVerificationError {
  try {
    verifyWebhook(options);
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const reasonOf = (options: VerifyWebhookOptions): WebhookRejectReason => rejection(options).reason;

describe('verifyWebhook: accepted deliveries', () => {
  it('accepts a valid V1 delivery and returns the parsed, verified payload', () => {
    expect(verifyWebhook(delivery())).toEqual({
      payload: JSON.parse(BODY),
      eventName: 'trending.story.v001.completed',
      deliveryId: 'dlv_1',
      timestamp: TS,
      scheme: 'v1',
      secretIndex: 0,
    });
  });

  it('accepts a Uint8Array body as the exact bytes received', () => {
    expect(verifyWebhook(delivery({ rawBody: new TextEncoder().encode(BODY) })).payload.video_id).toBe(12345);
  });

  it('accepts a non-ASCII body given as bytes or as text', () => {
    const text = '{"event":"trending.list.v001.failed","video_id":7,"template":"list","error":{"message":"café 🎬"}}';
    expect(verifyWebhook(signed(new TextEncoder().encode(text))).payload.error?.message).toBe('café 🎬');
    expect(verifyWebhook(signed(text)).payload.error?.message).toBe('café 🎬');
  });

  it('reads header names in any case and takes the first value of a repeated header', () => {
    const result = verifyWebhook(
      withHeaders({
        'X-TRENDING-SIGNATURE-V1': V1,
        'X-Trending-Timestamp': [String(TS), '1'],
        'x-Trending-Delivery': 'dlv_case',
      }),
    );
    expect(result.scheme).toBe('v1');
    expect(result.deliveryId).toBe('dlv_case');
  });

  it('takes the event name from the payload when the header is absent, and the header when the payload has none', () => {
    expect(
      verifyWebhook(withHeaders({ 'x-trending-timestamp': String(TS), 'x-trending-signature-v1': V1 })).eventName,
    ).toBe('trending.story.v001.completed');
    const bare = signed('{"video_id":1,"template":"story"}');
    bare.headers['x-trending-event'] = 'trending.story.v001.queued';
    expect(verifyWebhook(bare).eventName).toBe('trending.story.v001.queued');
  });

  it.each([
    ['exactly 300 s old', NOW + 300_000 - 400],
    ['exactly 300 s ahead', NOW - 300_000 - 400],
  ])('accepts a timestamp %s (the window is inclusive)', (_label, nowMs) => {
    expect(verifyWebhook(delivery({ nowMs })).timestamp).toBe(TS);
  });
});

describe('verifyWebhook: rejected deliveries', () => {
  it.each<[string, VerifyWebhookOptions, WebhookRejectReason]>([
    ['tampered body', delivery({ rawBody: BODY.replace('12345', '12346') }), 'signature_mismatch'],
    [
      'tampered signature',
      withHeaders({ 'x-trending-timestamp': String(TS), 'x-trending-signature-v1': V1.slice(0, -1) + 'f' }),
      'signature_mismatch',
    ],
    [
      'truncated signature',
      withHeaders({ 'x-trending-timestamp': String(TS), 'x-trending-signature-v1': V1.slice(0, 20) }),
      'signature_mismatch',
    ],
    [
      'signature without prefix',
      withHeaders({ 'x-trending-timestamp': String(TS), 'x-trending-signature-v1': V1.slice(7) }),
      'signature_mismatch',
    ],
    [
      'signature in upper-case hex',
      withHeaders({
        'x-trending-timestamp': String(TS),
        'x-trending-signature-v1': 'sha256=' + V1.slice(7).toUpperCase(),
      }),
      'signature_mismatch',
    ],
    ['wrong secret', delivery({ secrets: 'whsec_wrong' }), 'signature_mismatch'],
    [
      'timestamp moved (signature covers it)',
      withHeaders({ 'x-trending-timestamp': String(TS + 1), 'x-trending-signature-v1': V1 }),
      'signature_mismatch',
    ],
    ['stale by 301 s', delivery({ nowMs: (TS + 301) * 1000 }), 'timestamp_too_old'],
    ['301 s in the future', delivery({ nowMs: (TS - 301) * 1000 }), 'timestamp_in_future'],
    [
      'stale beyond a custom tolerance',
      delivery({ nowMs: (TS + 61) * 1000, toleranceSeconds: 60 }),
      'timestamp_too_old',
    ],
    ['no signature headers', withHeaders({ 'x-trending-timestamp': String(TS) }), 'missing_signature'],
    [
      'empty signature header',
      withHeaders({ 'x-trending-timestamp': String(TS), 'x-trending-signature-v1': '' }),
      'missing_signature',
    ],
    ['V1 without timestamp', withHeaders({ 'x-trending-signature-v1': V1 }), 'missing_timestamp'],
    [
      'non-numeric timestamp',
      withHeaders({ 'x-trending-timestamp': 'yesterday', 'x-trending-signature-v1': V1 }),
      'invalid_timestamp',
    ],
    [
      'exponent timestamp',
      withHeaders({ 'x-trending-timestamp': '1.7e9', 'x-trending-signature-v1': V1 }),
      'invalid_timestamp',
    ],
    [
      'millisecond timestamp',
      withHeaders({ 'x-trending-timestamp': String(NOW), 'x-trending-signature-v1': V1 }),
      'invalid_timestamp',
    ],
    [
      'zero timestamp',
      withHeaders({ 'x-trending-timestamp': '0', 'x-trending-signature-v1': V1 }),
      'invalid_timestamp',
    ],
    ['no secret', delivery({ secrets: '' }), 'no_secret'],
    ['only empty secrets', delivery({ secrets: ['', ''] }), 'no_secret'],
    ['legacy-only by default', withHeaders({ 'x-trending-signature': LEGACY }), 'legacy_signature_not_allowed'],
  ])('%s -> %s', (_label, options, reason) => {
    expect(reasonOf(options)).toBe(reason);
  });

  it('says how old a stale delivery is and what to check', () => {
    expect(rejection(delivery({ nowMs: (TS + 412) * 1000 })).message).toBe(
      "Webhook timestamp is 412 s old; deliveries older than 300 s are rejected (replay protection). Check the receiver's clock.",
    );
    expect(rejection(delivery({ nowMs: (TS - 301) * 1000 })).message).toMatch(/301 s in the future/);
  });

  it('checks the signature before the window, so a forged stale delivery is a mismatch, not "too old"', () => {
    expect(reasonOf(delivery({ secrets: 'whsec_wrong', nowMs: (TS + 900) * 1000 }))).toBe('signature_mismatch');
  });

  it('parses the body only after the signature holds', () => {
    expect(reasonOf(delivery({ rawBody: 'not json' }))).toBe('signature_mismatch');
    expect(reasonOf(signed('not json'))).toBe('invalid_payload');
  });

  it.each([
    ['invalid JSON', signed('{"event":')],
    ['a JSON array', signed('[1,2]')],
    ['a JSON string', signed('"trending.story.v001.completed"')],
    ['bytes that are not UTF-8', signed(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]))],
    ['a non-string event', signed('{"event":42}')],
    ['no event anywhere', signed('{"video_id":1}')],
  ])('rejects a correctly signed body that is %s as invalid_payload', (_label, options) => {
    expect(reasonOf(options)).toBe('invalid_payload');
  });

  it('rejects an unsigned X-Trending-Event header that contradicts the signed payload', () => {
    const options = delivery();
    options.headers['x-trending-event'] = 'trending.story.v001.failed';
    expect(rejection(options)).toMatchObject({
      reason: 'invalid_payload',
      message: expect.stringMatching(/does not match/),
    });
  });
});

describe('verifyWebhook: legacy body-only signatures', () => {
  const legacyOnly = (over: Partial<VerifyWebhookOptions> = {}) =>
    delivery({ headers: { 'x-trending-signature': LEGACY, 'x-trending-timestamp': String(TS) }, ...over });

  it('are accepted only with allowLegacy, and report no (unsigned) timestamp', () => {
    expect(reasonOf(legacyOnly())).toBe('legacy_signature_not_allowed');
    const result = verifyWebhook(legacyOnly({ allowLegacy: true, nowMs: (TS + 86_400) * 1000 }));
    expect(result).toMatchObject({ scheme: 'legacy', secretIndex: 0, eventName: 'trending.story.v001.completed' });
    expect(result.timestamp).toBeUndefined();
  });

  it('still have to match', () => {
    expect(reasonOf(legacyOnly({ allowLegacy: true, secrets: 'whsec_wrong' }))).toBe('signature_mismatch');
  });

  it('never rescue a bad V1 signature (no downgrade)', () => {
    const options = delivery({ allowLegacy: true, rawBody: BODY });
    options.headers['x-trending-signature-v1'] = V1_PREVIOUS;
    expect(reasonOf(options)).toBe('signature_mismatch');
  });
});

describe('verifyWebhook: secret rotation', () => {
  it('accepts the previous secret from the list and reports its index', () => {
    expect(verifyWebhook(delivery({ secrets: ['whsec_next', SECRET] })).secretIndex).toBe(1);
    expect(verifyWebhook(delivery({ secrets: [SECRET, PREVIOUS] })).secretIndex).toBe(0);
  });

  it('reports the index in the list as given, empty entries included', () => {
    expect(verifyWebhook(delivery({ secrets: ['', SECRET] })).secretIndex).toBe(1);
  });

  it('matches a delivery signed with the older secret (openssl value)', () => {
    const options = delivery({ secrets: [SECRET, PREVIOUS] });
    options.headers['x-trending-signature-v1'] = V1_PREVIOUS;
    expect(verifyWebhook(options).secretIndex).toBe(1);
  });

  it('rejects when no secret in the list matches', () => {
    expect(rejection(delivery({ secrets: ['a', 'b'] })).message).toMatch(/none of the 2 configured secret/);
  });

  it('compares against every secret, with equal-length buffers only, even after a match or on a short signature', () => {
    const spy = vi.mocked(timingSafeEqual);
    spy.mockClear();
    verifyWebhook(delivery({ secrets: [SECRET, PREVIOUS, 'whsec_third'] }));
    expect(spy).toHaveBeenCalledTimes(3);
    spy.mockClear();
    const short = withHeaders({ 'x-trending-timestamp': String(TS), 'x-trending-signature-v1': 'sha256=00' });
    expect(reasonOf({ ...short, secrets: [SECRET, PREVIOUS] })).toBe('signature_mismatch');
    expect(spy).toHaveBeenCalledTimes(2);
    for (const [a, b] of spy.mock.calls) expect((a as Uint8Array).length).toBe((b as Uint8Array).length);
  });
});

describe('secrets never leak', () => {
  const secret = 'whsec_TOP_SECRET_value_42';
  const expectedV1 = signWebhookDelivery(secret, NOW, BODY)['x-trending-signature-v1'];
  const cases: [string, VerifyWebhookOptions][] = [
    ['mismatch', { ...delivery(), secrets: [secret, 'whsec_OTHER_secret'] }],
    ['tampered body', { ...signed(BODY), rawBody: BODY + ' ', secrets: secret }],
    ['stale', { ...signed(BODY, secret), secrets: secret, nowMs: NOW + 1_000_000 }],
    ['future', { ...signed(BODY, secret), secrets: secret, nowMs: NOW - 1_000_000 }],
    ['legacy not allowed', { ...withHeaders({ 'x-trending-signature': LEGACY }), secrets: secret }],
    ['missing timestamp', { ...withHeaders({ 'x-trending-signature-v1': V1 }), secrets: secret }],
    ['invalid payload', { ...signed('{', secret), secrets: secret }],
  ];

  it.each(cases)(
    '%s: not in the message, the serialised error, its own properties or checkWebhook',
    (_label, options) => {
      const error = rejection(options);
      const check = checkWebhook(options);
      const ownValues = Object.getOwnPropertyNames(error).map((key) =>
        String((error as unknown as Record<string, unknown>)[key]),
      );
      for (const haystack of [error.message, JSON.stringify(error), ...ownValues, JSON.stringify(check)]) {
        expect(haystack).not.toContain(secret);
        expect(haystack).not.toContain('whsec_OTHER_secret');
        expect(haystack).not.toContain(expectedV1.slice(7));
      }
      expect(check).toEqual({ ok: false, reason: error.reason, message: error.message });
    },
  );
});

describe('checkWebhook', () => {
  it('returns the verified delivery', () => {
    const result = checkWebhook(delivery());
    expect(result.ok && result.verified.payload.template).toBe('story');
  });

  it('returns the reason and message instead of throwing', () => {
    expect(checkWebhook(delivery({ secrets: 'nope' }))).toEqual({
      ok: false,
      reason: 'signature_mismatch',
      message: expect.stringMatching(/raw body bytes/),
    });
  });

  it('still throws programming errors: a parsed body, a bad clock, a negative tolerance', () => {
    expect(() => checkWebhook(delivery({ rawBody: JSON.parse(BODY) }))).toThrow(TypeError);
    expect(() => checkWebhook(delivery({ nowMs: Number.NaN }))).toThrow(TypeError);
    expect(() => checkWebhook(delivery({ toleranceSeconds: -1 }))).toThrow(RangeError);
  });
});

describe('a padded secret', () => {
  it('is used exactly as given (never trimmed), and a mismatch says it is padded', () => {
    const padded = rejection(delivery({ secrets: ` ${SECRET}\n` }));
    expect(padded.reason).toBe('signature_mismatch');
    expect(padded.message).toContain(
      'A configured secret starts or ends with whitespace; it is used exactly as given, so the other side must have the same spaces.',
    );
    expect(padded.message).not.toContain(SECRET);
    // Signed with the same padded bytes, it verifies: the padding is part of the secret.
    expect(checkWebhook({ ...signed(BODY, ` ${SECRET}\n`), secrets: ` ${SECRET}\n` }).ok).toBe(true);
    expect(rejection(delivery({ secrets: 'whsec_other' })).message).not.toContain('whitespace');
  });
});
