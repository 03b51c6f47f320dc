import { call, create, simulatorSuite, uniqueKey } from './helpers';

describe('authentication, plan gates and rate limits', () => {
  const { sim } = simulatorSuite();

  it('401 missing_api_key with the error envelope and a request_id', async () => {
    const res = await call(sim, 'GET', '/api/v1/voice-actors', { key: null });
    expect(res.status).toBe(401);
    expect(Object.keys(res.json)).toEqual(['request_id', 'error']);
    expect(res.json.request_id).toMatch(/^req_/);
    expect(res.json.error).toEqual({ code: 'missing_api_key', message: expect.any(String), details: {} });
    // "Most API responses include a request_id": in the body. The X-Request-Id header is the requestIdHeader option.
    expect(res.headers.get('x-request-id')).toBeNull();
    sim.configure({ requestIdHeader: true });
    const again = await call(sim, 'GET', '/api/v1/voice-actors', { key: null });
    expect(again.headers.get('x-request-id')).toBe(again.json.request_id);
  });

  it('401 invalid_api_key for an unknown key', async () => {
    const res = await call(sim, 'GET', '/api/v1/voice-actors', { key: 'sk_test_nope' });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('invalid_api_key');
  });

  it('accepts Bearer, X-Trending-Api-Key and X-Api-Key headers', async () => {
    for (const headers of [{ 'x-trending-api-key': 'sk_test_pro' }, { 'x-api-key': 'sk_test_pro' }] as Record<
      string,
      string
    >[]) {
      const res = await call(sim, 'GET', '/api/v1/voice-actors', { key: null, headers });
      expect(res.status).toBe(200);
      expect(res.json.request_id).toMatch(/^req_/);
    }
  });

  it('ignores a body api_key outside the triggers/videos endpoint', async () => {
    const res = await call(sim, 'POST', '/api/v1/cost-estimate', {
      key: null,
      body: { api_key: 'sk_test_pro', template: 'story', request: {} },
    });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('missing_api_key');
  });

  it('403 membership_api_required for a plan without API access', async () => {
    const res = await call(sim, 'GET', '/api/v1/voice-actors', { key: 'sk_test_starter' });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('membership_api_required');
    expect(res.json.error.details.upgrade_url).toMatch(/^https:/);
  });

  it('403 membership_mcp_required for MCP-identified requests on a plan without MCP', async () => {
    const mcp = { 'x-trending-client': 'mcp' };
    const refused = await call(sim, 'GET', '/api/v1/voice-actors', { key: 'sk_test_poor', headers: mcp });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('membership_mcp_required');
    const allowed = await call(sim, 'GET', '/api/v1/voice-actors', { key: 'sk_test_pro', headers: mcp });
    expect(allowed.status).toBe(200);
  });

  it('403 membership_template_required lists allowed templates and an upgrade URL', async () => {
    const res = await call(sim, 'POST', '/api/v1/rants/videos', {
      key: 'sk_test_storyonly',
      body: {},
      idempotencyKey: uniqueKey(),
    });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('membership_template_required');
    expect(res.json.error.details).toMatchObject({
      allowed_templates: ['story'],
      upgrade_url: expect.stringMatching(/^https:/),
    });
  });

  it('429 rate_limited per API key; Retry-After and X-RateLimit-* only with their options', async () => {
    sim.configure({ rateLimitPerMinute: 3 });
    const first = await call(sim, 'GET', '/api/v1/voice-actors');
    expect(first.headers.get('x-ratelimit-limit')).toBeNull();
    for (let i = 0; i < 2; i++) expect((await call(sim, 'GET', '/api/v1/voice-actors')).status).toBe(200);
    const bare = await call(sim, 'GET', '/api/v1/voice-actors');
    // "rate_limited — slow down and retry later." names no header, so none is sent by default.
    expect(bare.status).toBe(429);
    expect(bare.headers.get('retry-after')).toBeNull();
    sim.configure({ retryAfterHeader: true, rateLimitHeaders: true });
    const limited = await call(sim, 'GET', '/api/v1/voice-actors');
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('rate_limited');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.json.error.details.retry_after_seconds).toBe(Number(limited.headers.get('retry-after')));
    // Another key has its own bucket.
    expect((await call(sim, 'GET', '/api/v1/voice-actors', { key: 'sk_test_poor' })).status).toBe(200);
  });

  it('404 not_found for unknown routes and 405 for a wrong method', async () => {
    const missing = await call(sim, 'GET', '/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not_found');
    const wrong = await call(sim, 'DELETE', '/api/v1/voice-actors');
    expect(wrong.status).toBe(405);
    expect(wrong.json.error.code).toBe('method_not_allowed');
  });

  it('404 video_not_found for unknown ids, other accounts and the wrong template', async () => {
    const video = await create(sim, 'story', { preview_only: true, script: { images_requested: 2 } });
    for (const [path, key] of [
      ['/api/v1/story/videos/999999', 'sk_test_pro'],
      [`/api/v1/story/videos/${video.video_id}`, 'sk_test_storyonly'],
      [`/api/v1/rants/videos/${video.video_id}`, 'sk_test_pro'],
      ['/api/v1/story/videos/abc', 'sk_test_pro'],
    ] as const) {
      const res = await call(sim, 'GET', path, { key });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('video_not_found');
    }
    const unknownTemplate = await call(sim, 'GET', `/api/v1/shorts/videos/${video.video_id}`);
    expect(unknownTemplate.status).toBe(404);
  });
});
