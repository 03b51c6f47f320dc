import { describe, expect, it } from 'vitest';
import {
  buildSignedTriggerRequest,
  computeLegacySignature,
  computeSignature,
  signWebhookDelivery,
  type SignedTriggerInput,
} from '../src/signing';
import { deriveWebhookSecret } from '../src/signing';

// Expected values come from the openssl command line, not from Node, e.g.
//   printf '%s.%s' 1700000000 '{"a":1}' | openssl dgst -sha256 -hmac secret
const OPENSSL = {
  simple: '49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686',
  simpleLegacy: 'aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494',
  // printf '%s.%s' 1700000000 '{"prompt":"café — 日本語 🎬"}' | openssl dgst -sha256 -hmac whsec_test
  nonAscii: '8aeb9b81a4d33f867f8c06c22c5ad3b4d7b88d871fe157a90a9f88d6a81affac',
  // printf '1700000000.{\n  "event": "trending.story.v001.completed",\n\t"video_id": 12345\n}\n' | openssl ... -hmac secret
  whitespace: 'c6d9f009b2b9b8776bf5ae7ebf8dc1385571bbf00d6870382be0b50b36bc327e',
  // printf '%s.' 1700000000 | openssl dgst -sha256 -hmac secret
  emptyBody: '4bc5f74d868b97888288889c5d9d65df02526f94c1592a79fdf4fe8b26e311e5',
  // printf '' | openssl dgst -sha256 -hmac secret
  emptyBodyLegacy: 'f9e66e179b6747ae54108f82f8ade8b3c25d76fd30afde6c395822c530196169',
  // printf '%s.%s' 1700000000 '{"a":1}' | openssl dgst -sha256 -hmac 'sécret🔑'
  nonAsciiSecret: 'ff71e85457505e9bde7a5cdc53cb0140d73b63ca92a66a01cdd570c491f348e0',
  // The reference's bash recipe (Incoming Triggers), run with TS=1769483565 and its own SECRET and BODY.
  referenceRecipe: 'fc9dea0484753297acd07a2e2f5c4bd2522f284ff0ba56bbaaa78850cd03d51c',
};

const WHITESPACE_BODY = '{\n  "event": "trending.story.v001.completed",\n\t"video_id": 12345\n}\n';
const REFERENCE_BODY =
  '{"video_type":"story","idempotency_key":"123e4567-e89b-12d3-a456-426614174000","preview_only":false,"prompt":"A short scary story about a hotel keycard."}';

describe('computeSignature (V1: {timestamp}.{body})', () => {
  it.each([
    ['ASCII JSON', 'secret', 1700000000, '{"a":1}', OPENSSL.simple],
    ['non-ASCII UTF-8 body', 'whsec_test', 1700000000, '{"prompt":"café — 日本語 🎬"}', OPENSSL.nonAscii],
    ['whitespace and newlines', 'secret', 1700000000, WHITESPACE_BODY, OPENSSL.whitespace],
    ['empty body', 'secret', 1700000000, '', OPENSSL.emptyBody],
    ['non-ASCII secret', 'sécret🔑', 1700000000, '{"a":1}', OPENSSL.nonAsciiSecret],
    ['reference bash recipe', 'YOUR_TRIGGER_SECRET', '1769483565', REFERENCE_BODY, OPENSSL.referenceRecipe],
  ])('%s matches openssl', (_label, secret, ts, body, hex) => {
    expect(computeSignature(secret, ts, body)).toBe(`sha256=${hex}`);
  });

  it('signs a Uint8Array body as the same bytes, without decoding it', () => {
    const bytes = new TextEncoder().encode('{"prompt":"café — 日本語 🎬"}');
    expect(computeSignature('whsec_test', '1700000000', bytes)).toBe(`sha256=${OPENSSL.nonAscii}`);
  });

  it('signs bytes that are not valid UTF-8 as bytes (a decode/re-encode would change them)', () => {
    const invalid = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    const replaced = new TextEncoder().encode(new TextDecoder().decode(invalid));
    expect(computeSignature('secret', 1, invalid)).not.toBe(computeSignature('secret', 1, replaced));
  });

  it('gives the same result for a numeric and a string timestamp', () => {
    expect(computeSignature('secret', 1700000000, '{"a":1}')).toBe(computeSignature('secret', '1700000000', '{"a":1}'));
  });

  it.each([[''], [undefined as unknown as string]])('refuses an empty secret (%j)', (secret) => {
    expect(() => computeSignature(secret, 1700000000, '{}')).toThrow(/non-empty signing secret/);
  });

  it.each([[1700000000.5], ['17e8'], [' 1700000000'], [-1]])(
    'refuses a timestamp that is not Unix seconds: %j',
    (ts) => {
      expect(() => computeSignature('secret', ts, '{}')).toThrow(/Unix seconds/);
    },
  );
});

describe('computeLegacySignature (body only)', () => {
  it('matches openssl', () => {
    expect(computeLegacySignature('secret', '{"a":1}')).toBe(`sha256=${OPENSSL.simpleLegacy}`);
    expect(computeLegacySignature('secret', '')).toBe(`sha256=${OPENSSL.emptyBodyLegacy}`);
    expect(computeLegacySignature('secret', new TextEncoder().encode('{"a":1}'))).toBe(
      `sha256=${OPENSSL.simpleLegacy}`,
    );
  });
});

describe('buildSignedTriggerRequest', () => {
  const SECRET = 'trg_secret_0123456789abcdef';
  const input = (over: Partial<SignedTriggerInput> = {}): SignedTriggerInput => ({
    baseUrl: 'https://trending.com',
    triggerId: 'trg_42',
    secret: SECRET,
    body: { video_type: 'story', prompt: 'A short scary story about a hotel keycard.', preview_only: true },
    idempotencyKey: 'row-7-2026-01-27',
    nowMs: 1769483565_999,
    ...over,
  });

  it('POSTs to the signed trigger endpoint with every header, lower-case', () => {
    const req = buildSignedTriggerRequest(input({ nonce: 'nonce-1' }));
    expect(req.method).toBe('POST');
    expect(req.url).toBe('https://trending.com/api/v1/triggers/webhook');
    expect(req.headers).toEqual({
      'content-type': 'application/json',
      'x-trending-trigger': 'trg_42',
      'x-trending-timestamp': '1769483565',
      'x-trending-signature-v1': expect.stringMatching(/^sha256=[0-9a-f]{64}$/),
      'x-trending-nonce': 'nonce-1',
      'idempotency-key': 'row-7-2026-01-27',
    });
  });

  it('signs the exact body string it sends', () => {
    const req = buildSignedTriggerRequest(input());
    expect(typeof req.body).toBe('string');
    expect(req.headers['x-trending-signature-v1']).toBe(computeSignature(SECRET, '1769483565', req.body as string));
  });

  it('reproduces the reference bash recipe byte for byte (openssl signature)', () => {
    // A body key keeps its position when the parameter overwrites it, so the recipe's key order is reproducible.
    const req = buildSignedTriggerRequest(
      input({
        secret: 'YOUR_TRIGGER_SECRET',
        body: {
          video_type: 'story',
          idempotency_key: '123e4567-e89b-12d3-a456-426614174000',
          preview_only: false,
          prompt: 'A short scary story about a hotel keycard.',
        },
        idempotencyKey: '123e4567-e89b-12d3-a456-426614174000',
        nowMs: 1769483565_000,
      }),
    );
    expect(req.body).toBe(REFERENCE_BODY);
    expect(req.headers['x-trending-signature-v1']).toBe(`sha256=${OPENSSL.referenceRecipe}`);
  });

  it('uses a fresh nonce per call', () => {
    const a = buildSignedTriggerRequest(input());
    const b = buildSignedTriggerRequest(input());
    expect(a.headers['x-trending-nonce']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['x-trending-nonce']).not.toBe(b.headers['x-trending-nonce']);
  });

  it('puts the idempotency key in the header and the body, the parameter winning over a body value', () => {
    const req = buildSignedTriggerRequest(input({ body: { video_type: 'list', idempotency_key: 'stale' } }));
    expect(req.headers['idempotency-key']).toBe('row-7-2026-01-27');
    expect(JSON.parse(req.body as string).idempotency_key).toBe('row-7-2026-01-27');
  });

  it('strips an api_key from the body and does not change the caller’s object', () => {
    const body = { video_type: 'story', api_key: 'sk_live_should_never_travel' };
    const req = buildSignedTriggerRequest(input({ body }));
    expect(req.body).not.toContain('sk_live_should_never_travel');
    expect(JSON.parse(req.body as string)).not.toHaveProperty('api_key');
    expect(body.api_key).toBe('sk_live_should_never_travel');
  });

  it('never carries the trigger secret', () => {
    const req = buildSignedTriggerRequest(input());
    expect(JSON.stringify(req)).not.toContain(SECRET);
  });

  it.each([['https://trending.com/'], ['https://trending.com//'], ['http://127.0.0.1:4010/']])(
    'handles a trailing slash on %s',
    (baseUrl) => {
      expect(buildSignedTriggerRequest(input({ baseUrl })).url).toBe(
        `${baseUrl.replace(/\/+$/, '')}/api/v1/triggers/webhook`,
      );
    },
  );

  it('rejects header values that would split a header, without echoing them', () => {
    expect(() => buildSignedTriggerRequest(input({ triggerId: 'trg\r\nx-evil: 1' }))).toThrow(
      /^triggerId must be a non-empty string without control characters$/,
    );
    expect(() => buildSignedTriggerRequest(input({ idempotencyKey: '' }))).toThrow(/idempotencyKey/);
  });

  it('rejects an empty secret without naming any value', () => {
    expect(() => buildSignedTriggerRequest(input({ secret: '' }))).toThrow(/non-empty signing secret/);
  });
});

describe('signWebhookDelivery', () => {
  it('produces the headers a Trending sender adds, in Unix seconds', () => {
    const body = '{"a":1}';
    expect(signWebhookDelivery('secret', 1700000000_750, body)).toEqual({
      'x-trending-timestamp': '1700000000',
      'x-trending-signature-v1': `sha256=${OPENSSL.simple}`,
      'x-trending-signature': `sha256=${OPENSSL.simpleLegacy}`,
    });
  });

  it('refuses a clock that is not a number', () => {
    expect(() => signWebhookDelivery('secret', Number.NaN, '{}')).toThrow(/nowMs/);
  });
});

describe('deriveWebhookSecret', () => {
  it('is stable for the same key and context, differs otherwise, and needs a key', async () => {
    const s = deriveWebhookSecret('sk_test_pro', 'n8n', 'exec-1', 'node-1');
    expect(s).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(deriveWebhookSecret('sk_test_pro', 'n8n', 'exec-1', 'node-1')).toBe(s);
    expect(deriveWebhookSecret('sk_test_pro', 'n8n', 'exec-2', 'node-1')).not.toBe(s);
    expect(deriveWebhookSecret('sk_test_other', 'n8n', 'exec-1', 'node-1')).not.toBe(s);
    expect(s).not.toContain('sk_test_pro');
    expect(() => deriveWebhookSecret('', 'x')).toThrow(/API key/);
  });
});
