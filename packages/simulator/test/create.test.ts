import type { SimulatorHandle } from '@trending/simulator';
import { call, simulatorSuite, uniqueKey, waitForTerminal, type Json } from './helpers';

/** "Default API request-body cap is 3,145,728 bytes (3MB)." */
const MAX_REQUEST_BYTES = 3_145_728;

function account(sim: SimulatorHandle, id: number): Json {
  return (sim.state().accounts as Json[]).find((a) => a.id === id);
}

describe('create: idempotency, validation, limits, credits', () => {
  const { sim } = simulatorSuite();

  it('422 idempotency_required without a key', async () => {
    const res = await call(sim, 'POST', '/api/v1/story/videos', { body: {} });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('idempotency_required');
  });

  it('answers with every create field and a request_id', async () => {
    const res = await call(sim, 'POST', '/api/v1/rants/videos', {
      body: { prompt: 'A rant about fake friends.' },
      idempotencyKey: uniqueKey(),
    });
    expect(res.status).toBe(202);
    // The reference's create answer, plus "Create + poll responses include background_selection_summary and warnings[]".
    expect(res.json).toEqual({
      request_id: expect.stringMatching(/^req_/),
      video_id: expect.any(Number),
      pipeline_run_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'queued',
      poll_url: `/api/v1/rants/videos/${res.json.video_id}`,
      webhook: { enabled: false, url: null, events: [] },
      background_selection_summary: expect.any(Object),
      warnings: [],
    });
    sim.configure({ answerExtras: true });
    const extras = await call(sim, 'POST', '/api/v1/rants/videos', { body: {}, idempotencyKey: uniqueKey() });
    expect(extras.json).toMatchObject({ template: 'rants', template_version: 'v001', preview_only: false });
    expect(extras.json.control_urls.poll).toBe(`${sim.url}/api/v1/rants/videos/${extras.json.video_id}`);
  });

  it('the same key returns the same run and charges once; another endpoint or account has its own keys', async () => {
    const key = uniqueKey();
    const body = { preview_only: true, script: { images_requested: 2 } };
    const first = await call(sim, 'POST', '/api/v1/story/videos', { body, idempotencyKey: key });
    const again = await call(sim, 'POST', '/api/v1/story/videos', { body, idempotencyKey: key });
    expect(again.status).toBe(202);
    expect(again.json.video_id).toBe(first.json.video_id);
    expect(again.json.pipeline_run_id).toBe(first.json.pipeline_run_id);
    // The reference says only "we will return the existing run": no replay header unless the replayHeader option is on.
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    sim.configure({ replayHeader: true });
    const flagged = await call(sim, 'POST', '/api/v1/story/videos', { body, idempotencyKey: key });
    expect(flagged.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.request_id).not.toBe(first.json.request_id);
    const other = await call(sim, 'POST', '/api/v1/story/videos', {
      key: 'sk_test_storyonly',
      body,
      idempotencyKey: key,
    });
    expect(other.json.video_id).not.toBe(first.json.video_id);
    expect((sim.state().videos as Json[]).length).toBe(2);
    await waitForTerminal(sim, 'story', first.json.video_id);
    const estimate = await call(sim, 'POST', '/api/v1/cost-estimate', { body: { template: 'story', request: body } });
    expect(account(sim, 1).balance).toBe(10_000 - estimate.json.estimate.total_credits);
  });

  it('keys are scoped per account and endpoint kind: a key reused on another template or a trigger replays the original run', async () => {
    sim.configure({ replayHeader: true, answerExtras: true });
    const key = uniqueKey('shared');
    const first = await call(sim, 'POST', '/api/v1/rants/videos', {
      body: { preview_only: true },
      idempotencyKey: key,
    });
    expect(first.status).toBe(202);
    const otherTemplate = await call(sim, 'POST', '/api/v1/list/videos', {
      body: { preview_only: true },
      idempotencyKey: key,
    });
    expect(otherTemplate.status).toBe(202);
    expect(otherTemplate.headers.get('idempotent-replayed')).toBe('true');
    expect(otherTemplate.json).toMatchObject({
      video_id: first.json.video_id,
      pipeline_run_id: first.json.pipeline_run_id,
      template: 'rants',
    });
    const viaTrigger = await call(sim, 'POST', '/api/v1/triggers/videos', {
      body: { video_type: 'ranking', idempotency_key: key },
    });
    expect(viaTrigger.status).toBe(202);
    expect(viaTrigger.headers.get('idempotent-replayed')).toBe('true');
    expect(viaTrigger.json.video_id).toBe(first.json.video_id);
    expect((sim.state().videos as Json[]).length).toBe(1);
  });

  it('concurrent duplicates create exactly one video', async () => {
    const key = uniqueKey('race');
    const answers = await Promise.all(
      Array.from({ length: 25 }, () =>
        call(sim, 'POST', '/api/v1/dmstory/videos', { body: { preview_only: true }, idempotencyKey: key }),
      ),
    );
    expect(new Set(answers.map((a) => a.json.video_id)).size).toBe(1);
    expect(answers.every((a) => a.status === 202)).toBe(true);
    expect((sim.state().videos as Json[]).length).toBe(1);
    // Held plus already captured is exactly one run's estimate (46 for a preview DM Story), never two.
    expect(account(sim, 1).held_credits + 10_000 - account(sim, 1).balance).toBe(46);
  });

  it('422 validation_failed maps each field to its messages (from the simulator rule table)', async () => {
    const res = await call(sim, 'POST', '/api/v1/story/videos', {
      body: { prompt: 'hi', script: { images_requested: 40, visual_style_preset: 'cubism' } },
      idempotencyKey: uniqueKey(),
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('validation_failed');
    expect(Object.keys(res.json.error.details).sort()).toEqual([
      'prompt',
      'script.images_requested',
      'script.visual_style_preset',
    ]);
    expect(res.json.error.details['script.images_requested'][0]).toMatch(/between 10 and 30/);
    const badJson = await call(sim, 'POST', '/api/v1/story/videos', {
      rawBody: '{"prompt":',
      headers: { 'content-type': 'application/json' },
      idempotencyKey: uniqueKey(),
    });
    expect(badJson.status).toBe(422);
    expect(badJson.json.error.details.body).toBeDefined();
  });

  // "Each entry must be either {asset_id, ...} (saved reference image) or {story_id, run_id, ...} (previous Story run
  // image you own)", "Use characters from one of your past Story videos", "a key from GET .../outro-sources".
  it('422 validation_failed for references the account does not own', async () => {
    const res = await call(sim, 'POST', '/api/v1/story/videos', {
      body: {
        script: {
          reference_images: [{ asset_id: 999 }],
          reuse_characters_from_video_id: 123,
          reuse_story_mode: 'similar',
          outro: { source_key: 'nope' },
        },
      },
      idempotencyKey: uniqueKey(),
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.json.error.details).sort()).toEqual([
      'script.outro.source_key',
      'script.reference_images[0].asset_id',
      'script.reuse_characters_from_video_id',
    ]);
    // "voice.voice_actor_id (integer, optional; fallback default is 233)" states no refusal of an unknown voice.
    const voice = await call(sim, 'POST', '/api/v1/list/videos', {
      body: { voice: { voice_actor_id: 4242 } },
      idempotencyKey: uniqueKey(),
    });
    expect(voice.status).toBe(202);
  });

  it('422 invalid_background_folder_id for a folder of another account', async () => {
    const res = await call(sim, 'POST', '/api/v1/rants/videos', {
      body: { background: { folder_id: 401 } },
      idempotencyKey: uniqueKey(),
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('invalid_background_folder_id');
  });

  it('413 request_too_large just over 3,145,728 raw bytes, measured before parsing', async () => {
    const pad = (n: number) => `{"prompt":"${'a'.repeat(n - 13)}"}`;
    expect(Buffer.byteLength(pad(MAX_REQUEST_BYTES))).toBe(MAX_REQUEST_BYTES);
    const over = await call(sim, 'POST', '/api/v1/story/videos', {
      rawBody: pad(MAX_REQUEST_BYTES + 1),
      idempotencyKey: uniqueKey(),
    });
    expect(over.status).toBe(413);
    expect(over.json.error).toMatchObject({
      code: 'request_too_large',
      details: { max_bytes: MAX_REQUEST_BYTES, received_bytes: MAX_REQUEST_BYTES + 1 },
    });
    // Exactly at the cap the body is read and parsed (and then fails validation for the long prompt).
    const at = await call(sim, 'POST', '/api/v1/story/videos', {
      rawBody: pad(MAX_REQUEST_BYTES),
      idempotencyKey: uniqueKey(),
    });
    expect(at.status).toBe(422);
  });

  it('402 insufficient_credits with required/available details, and no video', async () => {
    const res = await call(sim, 'POST', '/api/v1/story/videos', {
      key: 'sk_test_poor',
      body: {},
      idempotencyKey: uniqueKey(),
    });
    expect(res.status).toBe(402);
    expect(res.json.error).toMatchObject({
      code: 'insufficient_credits',
      details: { required_credits: 183, available_credits: 20, credits_needed: 163 },
    });
    expect((sim.state().videos as Json[]).length).toBe(0);
  });

  it('holds credits at create, so a second run cannot spend the same credits', async () => {
    sim.updateAccount({ api_key: 'sk_test_poor', credits: 40 });
    const body = { preview_only: true };
    const first = await call(sim, 'POST', '/api/v1/ranking/videos', {
      key: 'sk_test_poor',
      body,
      idempotencyKey: uniqueKey(),
    });
    expect(first.status).toBe(202);
    expect(account(sim, 3).held_credits).toBe(3);
    sim.updateAccount({ api_key: 'sk_test_poor', credits: 5 });
    const second = await call(sim, 'POST', '/api/v1/ranking/videos', {
      key: 'sk_test_poor',
      body,
      idempotencyKey: uniqueKey(),
    });
    expect(second.status).toBe(402);
    expect(second.json.error.details.available_credits).toBe(2);
  });

  it('503 service_unavailable during final-render maintenance, while preview-only still works', async () => {
    sim.configure({ maintenance: 'final_render_only', retryAfterHeader: true });
    const full = await call(sim, 'POST', '/api/v1/rants/videos', { body: {}, idempotencyKey: uniqueKey() });
    expect(full.status).toBe(503);
    expect(full.json.error).toMatchObject({
      code: 'service_unavailable',
      details: { scope: 'final_render_only', preview_only_available: true },
    });
    // "Wait a minute" is a minute of API time: 0.06 s at speed 1000, so Retry-After is the 1 s minimum.
    expect(full.headers.get('retry-after')).toBe('1');
    const preview = await call(sim, 'POST', '/api/v1/rants/videos', {
      body: { preview_only: true },
      idempotencyKey: uniqueKey(),
    });
    expect(preview.status).toBe(202);
    sim.configure({ maintenance: 'all' });
    const all = await call(sim, 'GET', '/api/v1/voice-actors');
    expect(all.status).toBe(503);
    expect(all.json.error.details.scope).toBe('all');
  });
});
