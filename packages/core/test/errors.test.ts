import {
  TrendingError,
  errorFromResponse,
  parseRetryAfterMs,
  pipelineError,
  redact,
  redactError,
  validationError,
} from '../src/errors';
import type { HttpResponse } from '../src/transport';
import { isTrendingError } from '../src/errors';

function response(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

function apiError(status: number, code: string, details?: unknown): TrendingError {
  return errorFromResponse(response(status, { request_id: 'req_9', error: { code, message: `msg ${code}`, details } }));
}

const GENERIC = new TrendingError({ code: 'something_new', message: 'x' }).hint;

describe('errorFromResponse', () => {
  it('keeps the envelope: code, message, details, request_id, status', () => {
    const error = apiError(422, 'validation_failed', { prompt: ['too short'] });
    expect(error).toBeInstanceOf(TrendingError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'TrendingError',
      status: 422,
      code: 'validation_failed',
      message: 'msg validation_failed',
      details: { prompt: ['too short'] },
      requestId: 'req_9',
      retryable: false,
    });
  });

  it('tolerates a non-JSON body and falls back to a code by status', () => {
    const error = errorFromResponse(
      response(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'x-request-id': 'edge-1' }),
    );
    expect(error).toMatchObject({ status: 502, code: 'server_error', requestId: 'edge-1', retryable: true });
    expect(error.message).toBe('Trending answered HTTP 502: 502 Bad Gateway');
  });

  it.each([
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [404, 'not_found'],
    [409, 'conflict'],
    [413, 'request_too_large'],
    [429, 'rate_limited'],
    [503, 'service_unavailable'],
    [500, 'server_error'],
    [418, 'http_error'],
  ])('maps a bare %i to %s with a hint', (status, code) => {
    const error = errorFromResponse(response(status, ''));
    expect(error.code).toBe(code);
    expect(error.message).toBe(`Trending answered HTTP ${status}`);
    expect(error.hint.length).toBeGreaterThan(10);
  });

  it('tolerates JSON without the envelope', () => {
    const error = errorFromResponse(response(400, { detail: 'nope' }));
    expect(error).toMatchObject({ code: 'bad_request', details: undefined });
  });

  it('reads Retry-After into retryAfterSeconds', () => {
    const error = errorFromResponse(
      response(429, { error: { code: 'rate_limited', message: 'slow' } }, { 'retry-after': '30' }),
    );
    expect(error).toMatchObject({ retryAfterSeconds: 30, retryable: true });
  });

  it('scrubs the given secrets', () => {
    const error = errorFromResponse(
      response(401, { error: { code: 'invalid_api_key', message: 'key sk_1 revoked' } }),
      {
        secrets: ['sk_1'],
      },
    );
    expect(error.message).toBe('key [REDACTED] revoked');
  });
});

describe('hints', () => {
  const documented: [number, string][] = [
    [401, 'missing_api_key'],
    [401, 'invalid_api_key'],
    [401, 'invalid_signature'],
    [401, 'nonce_reused'],
    [422, 'idempotency_required'],
    [422, 'validation_failed'],
    [402, 'insufficient_credits'],
    [403, 'membership_api_required'],
    [403, 'membership_mcp_required'],
    [403, 'membership_template_required'],
    [429, 'rate_limited'],
    [413, 'request_too_large'],
    [413, 'storage_quota_exceeded'],
    [503, 'service_unavailable'],
    [409, 'script_version_conflict'],
    [409, 'audio_locked'],
    [409, 'pipeline_run_active'],
    [422, 'invalid_background_folder_id'],
    [422, 'invalid_ranking_category_preset'],
    [422, 'invalid_library_folder_id'],
    [422, 'invalid_library_video_upload'],
  ];

  it.each(documented)('%i %s has its own actionable hint', (status, code) => {
    const hint = apiError(status, code).hint;
    expect(hint).not.toBe(GENERIC);
    expect(hint).not.toBe(new TrendingError({ code: 'other', message: '', status }).hint);
  });

  it.each([
    'slide_generation_failed',
    'character_sheet_generation_failed',
    'background_folder_underfilled',
    'render_failed',
    'network_error',
    'timeout',
    'wait_timeout',
    'aborted',
    'invalid_response',
  ])('%s has its own hint', (code) => {
    expect(new TrendingError({ code, message: '' }).hint).not.toBe(GENERIC);
  });

  it('names the hints that need specific actions', () => {
    expect(apiError(409, 'audio_locked').hint).toContain('reset_audio=true');
    expect(apiError(409, 'script_version_conflict').hint).toMatch(/If-Match/);
    expect(apiError(422, 'idempotency_required').hint).toContain('Idempotency-Key');
    expect(apiError(401, 'nonce_reused').hint).toMatch(/fresh X-Trending-Nonce/);
    expect(new TrendingError({ code: 'wait_timeout', message: '' }).hint).toMatch(/poll .* later.*webhook/s);
  });

  it('lists allowed templates and the upgrade URL when the API sends them', () => {
    const hint = apiError(403, 'membership_template_required', {
      allowed_templates: ['rants', 'list'],
      upgrade_url: 'https://trending.com/pricing',
    }).hint;
    expect(hint).toContain('rants, list');
    expect(hint).toContain('https://trending.com/pricing');
    expect(apiError(403, 'membership_template_required').hint).toContain('allowed_templates');
  });

  it('suggests preview_only when only final renders are paused', () => {
    expect(
      apiError(503, 'service_unavailable', { scope: 'final_render_only', preview_only_available: true }).hint,
    ).toContain('preview_only=true');
    expect(apiError(503, 'service_unavailable').hint).not.toContain('preview_only');
  });
});

describe('TrendingError', () => {
  it('serialises to a plain object without the stack', () => {
    const error = apiError(402, 'insufficient_credits', { needed: 4 });
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    expect(json).toEqual({
      name: 'TrendingError',
      code: 'insufficient_credits',
      message: 'msg insufficient_credits',
      status: 402,
      details: { needed: 4 },
      requestId: 'req_9',
      hint: error.hint,
      retryable: false,
    });
    expect(json.stack).toBeUndefined();
    expect(String(error)).toBe('TrendingError: msg insufficient_credits');
  });
});

describe('validationError', () => {
  it('lists every violation, with no status', () => {
    const error = validationError([
      { path: 'prompt', rule: 'minLength', message: 'prompt must be at least 6 characters' },
      { path: 'script.images_requested', rule: 'max', message: 'script.images_requested must be between 10 and 30' },
    ]);
    expect(error).toMatchObject({ code: 'validation_failed', status: undefined, retryable: false });
    expect(error.message).toBe(
      'The request is invalid:\nprompt must be at least 6 characters\nscript.images_requested must be between 10 and 30',
    );
    expect((error.details as { violations: unknown[] }).violations).toHaveLength(2);
  });
});

describe('pipelineError', () => {
  it('surfaces pipeline_error with the step and video id', () => {
    const error = pipelineError({
      video_id: 12345,
      request_id: 'req_p',
      pipeline_error: {
        code: 'slide_generation_failed',
        message: 'Image service busy',
        step: 'slides',
        retryable: true,
      },
    });
    expect(error).toMatchObject({
      code: 'slide_generation_failed',
      status: undefined,
      requestId: 'req_p',
      retryable: true,
    });
    expect(error.message).toBe('Video 12345 failed at step slides: Image service busy');
    expect(error.details).toMatchObject({ video_id: 12345, step: 'slides' });
    expect(error.hint).toMatch(/new Idempotency-Key/);
  });

  it('prefers the API hint and copes with a missing pipeline_error', () => {
    expect(pipelineError({ pipeline_error: { code: 'render_failed', message: 'x', hint: 'Try again.' } }).hint).toBe(
      'Try again.',
    );
    const bare = pipelineError({ video_id: 3 });
    expect(bare).toMatchObject({ code: 'pipeline_failed', retryable: false });
    expect(bare.message).toBe('Video 3 failed: no reason given');
  });
});

describe('redact', () => {
  it('removes plain, JSON-escaped and URL-encoded forms, longest first', () => {
    const secret = 'a"b/c';
    expect(redact('x a"b/c y a\\"b/c z a%22b%2Fc', [secret])).toBe('x [REDACTED] y [REDACTED] z [REDACTED]');
    expect(redact('sk_abc and sk_abcdef', ['sk_abc', 'sk_abcdef'])).toBe('[REDACTED] and [REDACTED]');
    expect(redact('nothing', [undefined, ''])).toBe('nothing');
  });

  it('replaces a secret too short to be unique only where it stands alone, never inside a word or number', () => {
    expect(redact('rate_limited: key a is bad (sha256=ab12)', ['a'])).toBe(
      'rate_limited: key [REDACTED] is bad (sha256=ab12)',
    );
    // Long enough to be unique: removed wherever it is, even glued to other text.
    const long = 'sk_live_0123456789abcdef';
    expect(redact(`token=${long}xyz`, [long])).toBe('token=[REDACTED]xyz');
  });

  it('scrubs message, hint and nested details of an error', () => {
    const error = new TrendingError({
      code: 'validation_failed',
      message: 'got s3cr3t',
      details: { body: { webhook: { secret: 's3cr3t' } }, list: ['s3cr3t'], s3cr3t: 1 },
      hint: 'not s3cr3t',
      status: 422,
    });
    const clean = redactError(error, ['s3cr3t']);
    expect(JSON.stringify(clean)).not.toContain('s3cr3t');
    expect(clean).toMatchObject({ status: 422, code: 'validation_failed', message: 'got [REDACTED]' });
    expect(clean.stack).not.toContain('s3cr3t');
  });
});

describe('parseRetryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('2')).toBe(2000);
    expect(parseRetryAfterMs('1.5')).toBe(1500);
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('2015-10-21T07:28:00Z'))).toBe(10_000);
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT')).toBeUndefined();
    expect(parseRetryAfterMs('-1')).toBeUndefined();
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
  });
});

describe('isTrendingError', () => {
  it('recognises a TrendingError, also by name from another copy of core, and nothing else', async () => {
    expect(isTrendingError(new TrendingError({ code: 'x', message: 'm' }))).toBe(true);
    const foreign = Object.assign(new Error('m'), { name: 'TrendingError', code: 'x' });
    expect(isTrendingError(foreign)).toBe(true);
    expect(isTrendingError(new Error('m'))).toBe(false);
    expect(isTrendingError({ name: 'TrendingError', code: 'x' })).toBe(false);
  });
});
