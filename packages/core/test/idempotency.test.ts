import { deriveIdempotencyKey, isValidIdempotencyKey } from '../src/idempotency';
import { requestIdentity } from '../src/idempotency';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('deriveIdempotencyKey', () => {
  it('is deterministic and UUID-shaped (version 5, RFC 4122 variant)', () => {
    const key = deriveIdempotencyKey('exec-81', 'Create Video', 3);
    expect(key).toMatch(UUID_V5);
    expect(deriveIdempotencyKey('exec-81', 'Create Video', 3)).toBe(key);
    expect(isValidIdempotencyKey(key)).toBe(true);
  });

  it('pins the derivation, so keys already sent survive upgrades', () => {
    // Computed outside Node: sha256('trending-idempotency-v1' + '<utf-8 length>:<part>'...), first 16 bytes, v5 bits.
    expect(deriveIdempotencyKey('a')).toBe('5d351545-ab98-5a2c-99cb-815c2b1c8454');
    expect(deriveIdempotencyKey('exec-81', 'Create Video', 3)).toBe('9ee5b3a7-f203-5db5-979c-0c8c3f913c22');
  });

  it('treats a number and its decimal text as the same part', () => {
    expect(deriveIdempotencyKey('n8n', 'exec-1', 0)).toBe(deriveIdempotencyKey('n8n', 'exec-1', '0'));
  });

  it('separates parts unambiguously', () => {
    const keys = [
      deriveIdempotencyKey('ab', 'c'),
      deriveIdempotencyKey('a', 'bc'),
      deriveIdempotencyKey('abc'),
      deriveIdempotencyKey('a', 'b', 'c'),
      deriveIdempotencyKey('1:a'),
      deriveIdempotencyKey('', 'a'),
      deriveIdempotencyKey('é'),
      deriveIdempotencyKey('e\u0301'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives different rows of the same run different keys', () => {
    expect(deriveIdempotencyKey('zap-run-7', 1)).not.toBe(deriveIdempotencyKey('zap-run-7', 2));
  });

  it('refuses no parts and non-finite numbers', () => {
    expect(() => deriveIdempotencyKey()).toThrow(/at least one part/);
    expect(() => deriveIdempotencyKey('x', Number.NaN)).toThrow(/finite/);
    expect(() => deriveIdempotencyKey('x', undefined as unknown as string)).toThrow(/strings or numbers/);
  });
});

describe('isValidIdempotencyKey', () => {
  it.each([
    ['a', true],
    ['123e4567-e89b-12d3-a456-426614174000', true],
    ['with inner space', true],
    ['x'.repeat(255), true],
    ['', false],
    // The reference sets no maximum length.
    ['x'.repeat(256), true],
    ['x'.repeat(4000), true],
    [' leading', false],
    ['trailing ', false],
    ['line\nbreak', false],
    ['café', false],
    [42, false],
  ])('%j -> %s', (key, valid) => {
    expect(isValidIdempotencyKey(key)).toBe(valid);
  });
});

describe('requestIdentity', () => {
  it('ignores key order, secrets and the per-run webhook URL, and keeps what changes the video', async () => {
    const a = requestIdentity({ prompt: 'p', name: 'n', webhook: { url: 'https://a', secret: 's1', events: ['x'] } });
    const b = requestIdentity({ webhook: { events: ['x'], secret: 's2', url: 'https://b' }, name: 'n', prompt: 'p' });
    expect(a).toBe(b);
    expect(a).not.toContain('s1');
    expect(requestIdentity({ prompt: 'p', api_key: 'sk_live_x' })).not.toContain('sk_live_x');
    expect(requestIdentity({ prompt: 'p' })).not.toBe(requestIdentity({ prompt: 'q' }));
    expect(requestIdentity({ prompt: 'p', webhook: { events: ['x'] } })).not.toBe(
      requestIdentity({ prompt: 'p', webhook: { events: ['y'] } }),
    );
  });
});
