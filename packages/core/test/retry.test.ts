import { DEFAULT_RETRY_OPTIONS, retryDelayMs } from '../src/retry';

const NOW = Date.parse('2026-03-28T12:00:00Z');

describe('retryDelayMs', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_RETRY_OPTIONS).toEqual({
      maxAttempts: 4,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      maxRetryAfterMs: 120_000,
    });
  });

  it('honours Retry-After seconds on 429, capped', () => {
    expect(retryDelayMs(1, { status: 429, retryAfterHeader: '7', random: 0.9 })).toBe(7000);
    expect(retryDelayMs(1, { status: 429, retryAfterHeader: '0', random: 0.9 })).toBe(0);
    expect(retryDelayMs(1, { status: 429, retryAfterHeader: '600', random: 0.9 })).toBe(120_000);
    expect(retryDelayMs(1, { status: 429, retryAfterHeader: '600', random: 0.9 }, { maxRetryAfterMs: 5000 })).toBe(
      5000,
    );
  });

  it('honours an HTTP-date Retry-After relative to now', () => {
    const header = new Date(NOW + 12_000).toUTCString();
    expect(retryDelayMs(1, { status: 429, retryAfterHeader: header, random: 0, nowMs: NOW })).toBe(12_000);
    const past = new Date(NOW - 5000).toUTCString();
    expect(retryDelayMs(1, { status: 503, retryAfterHeader: past, random: 0, nowMs: NOW })).toBe(0);
  });

  it('backs off exponentially with full jitter when 429/503 carry no Retry-After', () => {
    expect(retryDelayMs(1, { status: 503, random: 0.5 })).toBe(250);
    expect(retryDelayMs(2, { status: 503, random: 0.5 })).toBe(500);
    expect(retryDelayMs(3, { status: 429, random: 0.5 })).toBe(1000);
    expect(retryDelayMs(3, { status: 429, retryAfterHeader: 'soon', random: 0.5 })).toBe(1000);
    expect(retryDelayMs(1, { status: 503, random: 0 })).toBe(0);
    expect(retryDelayMs(1, { status: 503, random: 0.999 })).toBe(499);
  });

  it('bounds the backoff by maxDelayMs', () => {
    const options = { maxAttempts: 30, maxDelayMs: 30_000 };
    expect(retryDelayMs(20, { status: 503, random: 0.999 }, options)).toBe(29_970);
    expect(retryDelayMs(20, { random: 0.5 }, options)).toBe(15_000);
  });

  it('retries network errors and 5xx (500 too) only for repeatable requests: reads and keyed writes', () => {
    for (const status of [undefined, 500, 502, 504, 599]) {
      expect(retryDelayMs(1, { status, random: 0.5 })).toBe(250);
      expect(retryDelayMs(1, { status, random: 0.5, repeatable: true })).toBe(250);
      expect(retryDelayMs(1, { status, random: 0.5, repeatable: false })).toBeUndefined();
    }
    expect(retryDelayMs(1, { status: 503, random: 0.5, repeatable: false })).toBe(250);
    expect(retryDelayMs(1, { status: 429, random: 0.5, repeatable: false })).toBe(250);
  });

  it.each([400, 401, 402, 403, 404, 409, 413, 422])('never retries %i', (status) => {
    expect(retryDelayMs(1, { status, random: 0.5, retryAfterHeader: '1' })).toBeUndefined();
  });

  it('gives up after maxAttempts', () => {
    expect(retryDelayMs(3, { status: 503, random: 0.5 })).toBeDefined();
    expect(retryDelayMs(4, { status: 503, random: 0.5 })).toBeUndefined();
    expect(retryDelayMs(1, { status: 503, random: 0.5 }, { maxAttempts: 1 })).toBeUndefined();
    expect(retryDelayMs(1, { status: 429, retryAfterHeader: '1', random: 0.5 }, { maxAttempts: 1 })).toBeUndefined();
  });

  it('gives 429s their own attempt budget when one is set (a batch waiting its turn), other failures keep maxAttempts', () => {
    const options = { maxAttempts: 4, maxRateLimitedAttempts: 30 };
    expect(retryDelayMs(4, { status: 429, retryAfterHeader: '1', random: 0 }, options)).toBe(1000);
    expect(retryDelayMs(29, { status: 429, retryAfterHeader: '1', random: 0 }, options)).toBe(1000);
    expect(retryDelayMs(30, { status: 429, retryAfterHeader: '1', random: 0 }, options)).toBeUndefined();
    expect(retryDelayMs(4, { status: 503, retryAfterHeader: '1', random: 0 }, options)).toBeUndefined();
    expect(retryDelayMs(4, { status: 429, retryAfterHeader: '1', random: 0 }, { maxAttempts: 4 })).toBeUndefined();
  });

  it('bounds the backoff after a 429 without Retry-After by maxRateLimitedDelayMs, and only that', () => {
    const options = { maxRateLimitedDelayMs: 1000 };
    expect(retryDelayMs(8, { status: 429, random: 0.99 }, { ...options, maxAttempts: 10 })).toBe(990);
    expect(retryDelayMs(8, { status: 429, retryAfterHeader: '5', random: 0.99 }, { ...options, maxAttempts: 10 })).toBe(
      5000,
    );
    expect(retryDelayMs(3, { status: 503, random: 0.99 }, options)).toBe(1980);
  });

  it('ignores options given as undefined', () => {
    expect(retryDelayMs(1, { status: 503, random: 0.5 }, { baseDelayMs: undefined })).toBe(250);
  });
});
