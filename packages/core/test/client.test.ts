import nock from 'nock';
import { inspect } from 'node:util';
import { TrendingClient } from '../src/client';
import { TrendingError } from '../src/errors';
import { computeSignature } from '../src/signing';
import type { HttpRequest, Transport } from '../src/transport';
import { failure } from './support/failure';
import { nodeTransport, recordingTransport } from './support/node-transport';
import { normalizeBaseUrl } from '../src/client';

const BASE = 'https://api.trending.test';
const API_KEY = 'tk_live_9f8e7d6c5b4a';
const KEY = '123e4567-e89b-12d3-a456-426614174000';
const STORY = { prompt: 'A short scary story about a hotel keycard.', preview_only: true };
const CREATED = { video_id: 12345, status: 'queued', poll_url: '/api/v1/story/videos/12345' };

function setup(options: { apiKey?: string; maxAttempts?: number; inner?: Transport } = {}) {
  const transport = recordingTransport(options.inner ?? nodeTransport(), { random: 0.5 });
  const client = new TrendingClient({
    baseUrl: BASE,
    apiKey: 'apiKey' in options ? options.apiKey : API_KEY,
    transport,
    retry: { maxAttempts: options.maxAttempts ?? 4 },
  });
  return { client, transport };
}

function envelope(code: string, message = code, details?: unknown) {
  return { request_id: 'req_1', error: { code, message, details } };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('requests', () => {
  it('sends the API key, idempotency key and JSON body, and returns the parsed answer', async () => {
    const { client, transport } = setup();
    const scope = nock(BASE)
      .post('/api/v1/story/videos', STORY)
      .matchHeader('authorization', `Bearer ${API_KEY}`)
      .matchHeader('idempotency-key', KEY)
      .matchHeader('content-type', 'application/json')
      .reply(201, CREATED);

    const created = await client.createVideo('story', STORY, { idempotencyKey: KEY });

    expect(created.video_id).toBe(12345);
    expect(scope.isDone()).toBe(true);
    expect(transport.requests[0]?.timeoutMs).toBe(30_000);
  });

  it('URL-encodes path placeholders', async () => {
    const { client } = setup();
    const scope = nock(BASE).get('/api/v1/story/videos/a%2Fb').reply(200, { video_id: 1, status: 'queued' });
    await client.getVideo('story', 'a/b');
    expect(scope.isDone()).toBe(true);
  });

  it('passes page and cursor through to list endpoints and finds the items', async () => {
    const { client } = setup();
    nock(BASE)
      .get('/api/v1/voice-actors')
      .query({ page: '2', cursor: 'abc' })
      .reply(200, { request_id: 'r', voice_actors: [{ id: 233, name: 'Ava' }], next_cursor: 'def' });

    const result = await client.listVoiceActors({ page: 2, cursor: 'abc' });

    expect(result.items).toEqual([{ id: 233, name: 'Ava' }]);
    expect(result.raw.next_cursor).toBe('def');
  });

  it('returns the List script with its ETag and sends If-Match on update', async () => {
    const { client } = setup();
    const script = { intro: 'Top 5', lines: [], updated_at: '2026-03-01T00:00:00Z' };
    nock(BASE).get('/api/v1/list/videos/7/script').reply(200, { script }, { ETag: '"v1"' });
    const scope = nock(BASE)
      .patch('/api/v1/list/videos/7/script', { intro: 'Top 6' })
      .matchHeader('if-match', '"v1"')
      .reply(200, { script: { ...script, intro: 'Top 6' } }, { ETag: '"v2"' });

    const read = await client.getListScript(7);
    const saved = await client.updateListScript(7, { intro: 'Top 6' }, { ifMatch: read.etag, method: 'PATCH' });

    expect(read).toMatchObject({ script, etag: '"v1"' });
    expect(saved.etag).toBe('"v2"');
    expect(scope.isDone()).toBe(true);
  });

  it('says someone else changed the script on 409 script_version_conflict', async () => {
    const { client, transport } = setup();
    nock(BASE).put('/api/v1/list/videos/7/script').reply(409, envelope('script_version_conflict', 'Stale write.'));

    const error = await failure(client.updateListScript(7, { intro: 'x' }, { ifMatch: '"old"' }));

    expect(error.code).toBe('script_version_conflict');
    expect(error.message).toMatch(/someone else changed the script since it was read/i);
    expect(transport.requests).toHaveLength(1);
  });

  it('uploads a library video as multipart bytes with the optional fields', async () => {
    const { client, transport } = setup();
    let received = '';
    nock(BASE)
      .post('/api/v1/library/videos', (body: string) => {
        received = body;
        return true;
      })
      .reply(201, { asset: { id: 9, status: 'queued' }, poll_after_seconds: 5 });

    const data = new TextEncoder().encode('fake-mp4-bytes');
    const result = await client.uploadLibraryVideo({
      data,
      fileName: 'clip.mp4',
      folderId: 4,
      uploadProfile: 'ranking',
    });

    expect(result.asset.status).toBe('queued');
    expect(transport.requests[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(received).toContain('name="file"; filename="clip.mp4"\r\nContent-Type: video/mp4\r\n\r\nfake-mp4-bytes');
    expect(received).toContain('name="folder_id"\r\n\r\n4\r\n');
    expect(received).toContain('name="upload_profile"\r\n\r\nranking\r\n');
  });
});

describe('retries', () => {
  it('honours Retry-After in seconds on 429', async () => {
    const { client, transport } = setup();
    nock(BASE).get('/api/v1/story/videos/1').reply(429, envelope('rate_limited'), { 'Retry-After': '7' });
    nock(BASE).get('/api/v1/story/videos/1').reply(200, { video_id: 1, status: 'running' });

    await client.getVideo('story', 1);

    expect(transport.sleeps).toEqual([7000]);
  });

  it('honours an HTTP-date Retry-After against the transport clock', async () => {
    const { client, transport } = setup();
    const at = new Date(transport.now() + 3000).toUTCString();
    nock(BASE).get('/api/v1/story/videos/1').reply(429, envelope('rate_limited'), { 'Retry-After': at });
    nock(BASE).get('/api/v1/story/videos/1').reply(200, { video_id: 1, status: 'running' });

    await client.getVideo('story', 1);

    // toUTCString drops milliseconds, so the wait is between 2 and 3 seconds.
    expect(transport.sleeps).toHaveLength(1);
    expect(transport.sleeps[0]).toBeGreaterThan(2000);
    expect(transport.sleeps[0]).toBeLessThanOrEqual(3000);
  });

  it('caps a long Retry-After at maxRetryAfterMs', async () => {
    const { client, transport } = setup();
    nock(BASE).get('/api/v1/story/videos/1').reply(429, envelope('rate_limited'), { 'Retry-After': '3600' });
    nock(BASE).get('/api/v1/story/videos/1').reply(200, { video_id: 1, status: 'running' });

    await client.getVideo('story', 1);

    expect(transport.sleeps).toEqual([120_000]);
  });

  it('retries 503 with jittered backoff and sends the same key and bytes every attempt', async () => {
    const { client, transport } = setup();
    nock(BASE).post('/api/v1/story/videos').times(2).reply(503, envelope('service_unavailable'));
    nock(BASE).post('/api/v1/story/videos').reply(201, CREATED);

    const created = await client.createVideo('story', STORY, { idempotencyKey: KEY });

    expect(created.video_id).toBe(12345);
    expect(transport.requests).toHaveLength(3);
    expect(new Set(transport.requests.map((r) => r.headers['idempotency-key']))).toEqual(new Set([KEY]));
    expect(new Set(transport.requests.map((r) => r.body))).toEqual(new Set([JSON.stringify(STORY)]));
    // Full jitter with random 0.5: half of 500 ms, then half of 1000 ms.
    expect(transport.sleeps).toEqual([250, 500]);
  });

  it('retries a network error', async () => {
    const { client, transport } = setup();
    nock(BASE).get('/api/v1/story/videos/1').replyWithError('socket hang up');
    nock(BASE).get('/api/v1/story/videos/1').reply(200, { video_id: 1, status: 'running' });

    const status = await client.getVideo('story', 1);

    expect(status.status).toBe('running');
    expect(transport.requests).toHaveLength(2);
    expect(transport.sleeps).toHaveLength(1);
  });

  it('reports a network error as network_error after the last attempt', async () => {
    const { client, transport } = setup({ maxAttempts: 2 });
    nock(BASE).get('/api/v1/story/videos/1').times(2).replyWithError('connect ECONNREFUSED');

    const error = await failure(client.getVideo('story', 1));

    expect(error).toMatchObject({ code: 'network_error', status: undefined, retryable: true });
    expect(error.message).toContain('after 2 attempts');
    expect(transport.requests).toHaveLength(2);
  });

  it('reports a transport timeout as timeout', async () => {
    const timingOut: Transport = {
      ...nodeTransport(),
      request: () => Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    };
    const { client } = setup({ inner: timingOut, maxAttempts: 1 });

    const error = await failure(client.getVideo('story', 1));

    expect(error.code).toBe('timeout');
  });

  it('does not retry 422', async () => {
    const { client, transport } = setup();
    nock(BASE).post('/api/v1/story/videos').reply(422, envelope('idempotency_required', 'Send Idempotency-Key'));

    const error = await failure(client.createVideo('story', STORY, { idempotencyKey: KEY }));

    expect(error).toMatchObject({ code: 'idempotency_required', status: 422, requestId: 'req_1', retryable: false });
    expect(transport.requests).toHaveLength(1);
    expect(transport.sleeps).toEqual([]);
  });

  it.each([
    [400, 'bad_request'],
    [401, 'invalid_api_key'],
    [402, 'insufficient_credits'],
    [403, 'membership_template_required'],
    [409, 'pipeline_run_active'],
  ])('does not retry %i', async (status, code) => {
    const { client, transport } = setup();
    nock(BASE).post('/api/v1/story/videos').reply(status, envelope(code));

    const error = await failure(client.createVideo('story', STORY, { idempotencyKey: KEY }));

    expect(error).toMatchObject({ code, status });
    expect(transport.requests).toHaveLength(1);
  });

  it('retries a 500 on a keyed create with the same key, but never an unkeyed POST', async () => {
    const { client, transport } = setup();
    nock(BASE).post('/api/v1/story/videos').reply(500, envelope('internal_error'));
    nock(BASE).post('/api/v1/story/videos').reply(201, CREATED);
    const created = await client.createVideo('story', STORY, { idempotencyKey: KEY });
    expect(created.video_id).toBe(12345);
    expect(transport.requests.map((r) => r.headers['idempotency-key'])).toEqual([KEY, KEY]);

    const unkeyed = setup();
    nock(BASE).post('/api/v1/story/videos/7/outro/image').reply(500, envelope('internal_error'));
    const error = await failure(unkeyed.client.generateOutroImage(7));
    expect(error).toMatchObject({ code: 'internal_error', status: 500 });
    expect(unkeyed.transport.requests).toHaveLength(1);
  });

  it('stops after maxAttempts', async () => {
    const { client, transport } = setup({ maxAttempts: 3 });
    nock(BASE).get('/api/v1/story/videos/1').times(5).reply(503, envelope('service_unavailable'));

    const error = await failure(client.getVideo('story', 1));

    expect(error).toMatchObject({ code: 'service_unavailable', status: 503, retryable: true });
    expect(transport.requests).toHaveLength(3);
    expect(transport.sleeps).toHaveLength(2);
  });

  it('retries 502 for a read but not for a write without an idempotency key', async () => {
    const { client, transport } = setup();
    nock(BASE).get('/api/v1/story/videos/1').reply(502, 'Bad Gateway');
    nock(BASE).get('/api/v1/story/videos/1').reply(200, { video_id: 1, status: 'running' });
    nock(BASE).post('/api/v1/story/videos/1/slide-animations').reply(502, 'Bad Gateway');

    await client.getVideo('story', 1);
    const error = await failure(client.animateSlide(1, { slide_index: 2 }));

    expect(error).toMatchObject({ code: 'server_error', status: 502 });
    expect(transport.requests).toHaveLength(3);
  });

  it('does not repeat a credit-spending request after a lost response', async () => {
    const { client, transport } = setup();
    nock(BASE).post('/api/v1/story/videos/1/outro/image').replyWithError('socket hang up');

    const error = await failure(client.generateOutroImage(1));

    expect(error.code).toBe('network_error');
    expect(transport.requests).toHaveLength(1);
  });

  it('re-signs a retried signed trigger with a new nonce and timestamp but the same idempotency key', async () => {
    const { client, transport } = setup({ apiKey: undefined });
    const secret = 'trig_secret_value';
    nock(BASE).post('/api/v1/triggers/webhook').reply(429, envelope('rate_limited'), { 'Retry-After': '2' });
    nock(BASE).post('/api/v1/triggers/webhook').reply(201, CREATED);

    await client.sendSignedTrigger({
      triggerId: 'trg_1',
      secret,
      body: { video_type: 'story', prompt: STORY.prompt },
      idempotencyKey: KEY,
    });

    const [first, second] = transport.requests as [HttpRequest, HttpRequest];
    expect(transport.requests).toHaveLength(2);
    expect(second.headers['idempotency-key']).toBe(KEY);
    expect(first.headers['idempotency-key']).toBe(KEY);
    expect(second.headers['x-trending-nonce']).not.toBe(first.headers['x-trending-nonce']);
    expect(Number(second.headers['x-trending-timestamp'])).toBe(Number(first.headers['x-trending-timestamp']) + 2);
    for (const req of [first, second]) {
      expect(req.headers.authorization).toBeUndefined();
      const ts = req.headers['x-trending-timestamp'] as string;
      expect(req.headers['x-trending-signature-v1']).toBe(computeSignature(secret, ts, req.body as string));
    }
  });
});

describe('local checks send nothing', () => {
  it('fails with missing_api_key before any request', async () => {
    const { client, transport } = setup({ apiKey: undefined });
    const scope = nock(BASE).post('/api/v1/story/videos').reply(201, CREATED);

    const error = await failure(client.createVideo('story', STORY, { idempotencyKey: KEY }));

    expect(error).toMatchObject({ code: 'missing_api_key', status: undefined });
    expect(error.hint).toMatch(/api-keys/);
    expect(transport.requests).toHaveLength(0);
    expect(scope.isDone()).toBe(false);
  });

  it('rejects an invalid body with validation_failed listing every violation', async () => {
    const { client, transport } = setup();
    const scope = nock(BASE).post('/api/v1/story/videos').reply(201, CREATED);

    const error = await failure(
      client.createVideo('story', { prompt: 'hi', script: { images_requested: 99 } }, { idempotencyKey: KEY }),
    );

    expect(error).toMatchObject({ code: 'validation_failed', status: undefined });
    expect(error.message).toContain('prompt');
    expect(error.message).toContain('script.images_requested');
    expect((error.details as { violations: unknown[] }).violations).toHaveLength(2);
    expect(transport.requests).toHaveLength(0);
    expect(scope.isDone()).toBe(false);
  });

  it('validates a cost estimate or readiness request like the create it quotes', async () => {
    const { client, transport } = setup();
    const invalid = { script: { images_requested: 99 } };

    for (const call of [client.estimateCost('story', invalid), client.checkReadiness('story', invalid)]) {
      const error = await failure(call);
      expect(error.code).toBe('validation_failed');
      expect(error.message).toContain('script.images_requested');
    }
    expect(transport.requests).toHaveLength(0);
  });

  it('rejects a missing or malformed idempotency key', async () => {
    const { client, transport } = setup();
    const error = await failure(client.renderVideo('story', 1, { idempotencyKey: '' }));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/Idempotency-Key/);
    expect(transport.requests).toHaveLength(0);
  });

  it('rejects an unknown template and a missing video id', async () => {
    const { client, transport } = setup();
    const unknown = await failure(client.getVideo('vlog' as never, 1));
    const missing = await failure(client.getVideo('story', ''));
    expect(unknown.details).toMatchObject({ violations: [{ path: 'template' }] });
    expect(missing.details).toMatchObject({ violations: [{ path: 'video_id', rule: 'required' }] });
    expect(transport.requests).toHaveLength(0);
  });

  it('rejects a body over the 3 MB cap with request_too_large', async () => {
    const { client, transport } = setup();
    const error = await failure(
      client.createVideo('story', { prompt: STORY.prompt, note: 'x'.repeat(3_200_000) }, { idempotencyKey: KEY }),
    );
    expect(error).toMatchObject({ code: 'request_too_large', status: undefined });
    expect(transport.requests).toHaveLength(0);
  });

  it('stops with aborted when the signal is already aborted', async () => {
    const { client, transport } = setup();
    const error = await failure(client.getVideo('story', 1, { signal: AbortSignal.abort() }));
    expect(error.code).toBe('aborted');
    expect(error.hint).toMatch(/send it again/);
    expect(transport.requests).toHaveLength(0);
  });
});

describe('render URL', () => {
  const completed = { video_id: 5, status: 'completed', render: { render_url: 'https://cdn.test/v.mp4?sig=1' } };

  it('returns render.render_url from a fresh status', async () => {
    const { client } = setup();
    nock(BASE).get('/api/v1/rants/videos/5').reply(200, completed);
    await expect(client.freshRenderUrl('rants', 5)).resolves.toBe('https://cdn.test/v.mp4?sig=1');
  });

  it.each([
    [{ video_id: 5, status: 'running', step_label: 'Narration' }, 'render_not_ready', /running \(Narration\)/],
    [
      { video_id: 5, status: 'completed', preview_only: true, render: { render_url: null } },
      'render_not_available',
      /preview-only/,
    ],
    [
      { ...completed, render: { ...completed.render, retention: { expires_at: '2000-01-01T00:00:00Z' } } },
      'render_expired',
      /expired/,
    ],
  ])('explains why there is no URL (%#)', async (status, code, message) => {
    const { client } = setup();
    nock(BASE).get('/api/v1/rants/videos/5').reply(200, status);
    const error = await failure(client.freshRenderUrl('rants', 5));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.hint).not.toBe('');
  });
});

describe('secrets never appear in errors', () => {
  const WEBHOOK_SECRET = 'whsec_do_not_leak_42';
  const TRIGGER_SECRET = 'trig_do_not_leak_43';

  function expectClean(error: TrendingError, ...secrets: string[]) {
    const renderings = [error.message, JSON.stringify(error), String(error), error.hint, inspect(error, { depth: 9 })];
    for (const text of renderings) for (const secret of secrets) expect(text).not.toContain(secret);
  }

  it('scrubs the API key and webhook secret echoed back by the API', async () => {
    const { client } = setup();
    const body = { ...STORY, webhook: { url: 'https://example.com/hook', secret: WEBHOOK_SECRET } };
    nock(BASE)
      .post('/api/v1/story/videos')
      .reply(
        422,
        envelope('validation_failed', `Bad key ${API_KEY} for secret ${WEBHOOK_SECRET}`, { echo: body, [API_KEY]: 1 }),
      );

    const error = await failure(client.createVideo('story', body, { idempotencyKey: KEY }));

    expect(error.message).toContain('[REDACTED]');
    expectClean(error, API_KEY, WEBHOOK_SECRET);
  });

  it('scrubs a secret echoed JSON-escaped in a non-JSON body', async () => {
    const { client } = setup({ apiKey: 'tk_"quoted\\key' });
    nock(BASE).get('/api/v1/story/videos/1').reply(400, 'key was "tk_\\"quoted\\\\key" and tk_"quoted\\key');

    const error = await failure(client.getVideo('story', 1));

    expectClean(error, 'tk_"quoted\\key', 'tk_\\"quoted\\\\key');
  });

  it('scrubs the trigger secret and the body api_key', async () => {
    const { client } = setup();
    nock(BASE)
      .post('/api/v1/triggers/webhook')
      .reply(401, envelope('invalid_signature', `secret ${TRIGGER_SECRET} did not match`));
    nock(BASE)
      .post('/api/v1/triggers/videos')
      .reply(422, (_uri, requestBody) => envelope('validation_failed', 'echo', { request: requestBody }));

    const signed = await failure(
      client.sendSignedTrigger({
        triggerId: 'trg_1',
        secret: TRIGGER_SECRET,
        body: { video_type: 'story', webhook: { url: 'https://example.com/h', secret: WEBHOOK_SECRET } },
        idempotencyKey: KEY,
      }),
    );
    const inBody = await failure(
      client.triggerVideo({ video_type: 'story' }, { idempotencyKey: KEY, apiKeyInBody: true }),
    );

    expect(signed.code).toBe('invalid_signature');
    expectClean(signed, TRIGGER_SECRET, WEBHOOK_SECRET, API_KEY);
    expect(JSON.stringify(inBody.details)).toContain('[REDACTED]');
    expectClean(inBody, API_KEY);
  });

  it('scrubs a secret from a transport error message', async () => {
    const leaky: Transport = {
      ...nodeTransport(),
      request: (req) => Promise.reject(new Error(`proxy refused ${req.headers.authorization}`)),
    };
    const { client } = setup({ inner: leaky, maxAttempts: 1 });

    const error = await failure(client.getVideo('story', 1));

    expect(error.code).toBe('network_error');
    expectClean(error, API_KEY);
  });

  it('scrubs secrets from local validation errors', async () => {
    const { client } = setup();
    const body = { ...STORY, webhook: { url: `http://10.0.0.1/${WEBHOOK_SECRET}`, secret: WEBHOOK_SECRET } };

    const error = await failure(client.createVideo('story', body, { idempotencyKey: KEY }));

    expect(error.code).toBe('validation_failed');
    expectClean(error, WEBHOOK_SECRET, API_KEY);
  });

  it('does not show the API key when the client is logged', () => {
    const { client } = setup();
    expect(inspect(client, { depth: 9 })).not.toContain(API_KEY);
    expect(JSON.stringify(client)).not.toContain(API_KEY);
  });
});

describe('base URL', () => {
  it('treats blank as production, drops a trailing slash and refuses a non-URL before any request', async () => {
    expect(normalizeBaseUrl('')).toBe('https://trending.com');
    expect(normalizeBaseUrl(undefined)).toBe('https://trending.com');
    expect(normalizeBaseUrl(' http://127.0.0.1:4010/ ')).toBe('http://127.0.0.1:4010');
    expect(normalizeBaseUrl('HTTPS://Trending.com/api/?x=1#y')).toBe('https://trending.com/api');
    expect(() => normalizeBaseUrl('trending.com')).toThrow(/base URL must start with https:\/\//);
    // A key pasted into the wrong field is not echoed back.
    expect(() => normalizeBaseUrl('sk_live_pasted_key')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('sk_live_pasted_key') }),
    );
    expect(new TrendingClient({ baseUrl: '', transport: nodeTransport() }).baseUrl).toBe('https://trending.com');
  });
});
