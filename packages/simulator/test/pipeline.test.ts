import type { SimulatorHandle } from '@trending/simulator';
import { call, create, simulatorSuite, startFast, uniqueKey, waitForTerminal, type Json } from './helpers';

const POLL_FIELDS = [
  'status',
  'current_step',
  'step_label',
  'status_detail',
  'step_number',
  'total_steps',
  'progress_percent',
  'eta_seconds',
  'step_eta_seconds',
  'pipeline_eta_seconds',
  'agent_status_message',
  'queue_wait_seconds',
  'active_processing_seconds',
  'step_elapsed_seconds',
  'queue_started_at',
  'processing_started_at',
  'processing_finished_at',
  'step_started_at',
  'timing',
  'dashboard_url',
  'preview_url',
  'requires_auth_for_preview',
  'control_urls',
  'render',
  'retention',
  'pipeline_error',
];

function ledger(sim: SimulatorHandle, videoId: number): Json[] {
  return (sim.state().accounts as Json[]).flatMap((a) => a.ledger).filter((e: Json) => e.video_id === videoId);
}

const captured = (entries: Json[]) => entries.filter((e) => e.kind === 'capture').reduce((s, e) => s + e.credits, 0);

describe('pipeline on a frozen clock (moved with advance)', () => {
  const { sim } = simulatorSuite({ speed: 0.001 });
  const poll = async (template: string, id: number) =>
    (await call(sim, 'GET', `/api/v1/${template}/videos/${id}`)).json;

  it('a Story moves through its steps with honest ETAs and every documented poll field', async () => {
    const v = await create(sim, 'story', { prompt: 'A short scary story about a hotel keycard.' });
    let p = await poll('story', v.video_id);
    for (const field of POLL_FIELDS) expect(p).toHaveProperty(field);
    expect(p).toMatchObject({
      status: 'queued',
      current_step: 'queued',
      step_number: 0,
      total_steps: 7,
      progress_percent: 0,
    });
    // 3 s queue + 30 + 25 + 12*8 + 20 + 8 + 5 + 60 = 247 s.
    expect(p.pipeline_eta_seconds).toBe(247);
    expect(p.control_urls).toEqual({
      poll: expect.any(String),
      start_render: expect.stringMatching(/\/render$/),
      abort: expect.stringMatching(/\/abort$/),
    });
    expect(p.story_progress).toMatchObject({ slides_total: 12, slides_completed: 0 });

    sim.advance(3 + 30 + 25 + 8 * 4 + 1);
    p = await poll('story', v.video_id);
    expect(p).toMatchObject({
      status: 'running',
      current_step: 'slides',
      step_label: 'Generating slides',
      step_number: 3,
    });
    expect(p.story_progress).toMatchObject({ slides_completed: 4, current_slide: 5, character_sheet_ready: true });
    expect(p.step_elapsed_seconds).toBe(33);
    expect(p.step_eta_seconds).toBe(96 - 33);
    expect(p.eta_seconds).toBe(p.step_eta_seconds);
    expect(p.pipeline_eta_seconds).toBe(247 - (3 + 30 + 25 + 33));
    expect(p.queue_wait_seconds).toBe(3);
    expect(p.active_processing_seconds).toBe(30 + 25 + 33);
    expect(p.assets.character_sheet_url).toMatch(/character-sheet\.png$/);
    expect(p.assets.slides.filter((s: Json) => s.image_url).length).toBe(4);
    expect(p.timing.steps[0]).toMatchObject({ step: 'script', status: 'completed', measured_seconds: 30 });
    expect(captured(ledger(sim, v.video_id))).toBe(3 + 4 * 10);

    sim.advance(300);
    p = await poll('story', v.video_id);
    expect(p).toMatchObject({
      status: 'completed',
      progress_percent: 100,
      eta_seconds: 0,
      pipeline_eta_seconds: 0,
      pipeline_error: null,
    });
    expect(p.render.render_url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/studio\/renders\/\d+\/download\?expires=\d+&signature=[0-9a-f]{64}$/,
    );
    expect(p.retention).toMatchObject({
      keep_days: 7,
      admin_exempt: false,
      expires_at: expect.any(String),
      notice: expect.any(String),
    });
    expect(p.render.retention).toEqual(p.retention);
    expect(Date.parse(p.processing_finished_at) - Date.parse(p.processing_started_at)).toBe(244_000);
    expect(captured(ledger(sim, v.video_id))).toBe(183);
  });

  it('non-Story runs report background selection and warnings', async () => {
    const v = await create(sim, 'list', { background: { folder_id: 303 }, script: { item_count: 3 } });
    sim.advance(1);
    const p = await poll('list', v.video_id);
    expect(p.background_selection_summary).toMatchObject({
      folder_id: 303,
      required_clips: 4,
      folder_clips_selected: 1,
    });
    expect(p.warnings[0].code).toBe('background_folder_underfilled');
    expect(p.assets).toBeUndefined();
  });

  it('a folder whose underfill strategy is error fails the run with background_folder_underfilled', async () => {
    const v = await create(sim, 'rants', { background: { folder_id: 303 } });
    sim.advance(500);
    const p = await poll('rants', v.video_id);
    expect(p.status).toBe('failed');
    expect(p.pipeline_error).toMatchObject({
      code: 'background_folder_underfilled',
      step: 'background',
      retryable: false,
    });
  });

  it('preview_only completes without a render and charges no render; render later charges 30', async () => {
    const v = await create(sim, 'didyouknow', { preview_only: true });
    sim.advance(500);
    let p = await poll('didyouknow', v.video_id);
    expect(p).toMatchObject({ status: 'completed', preview_only: true, render: { render_url: null }, retention: null });
    const previewCharge = captured(ledger(sim, v.video_id));
    expect(ledger(sim, v.video_id).some((e) => e.event.endsWith('.render'))).toBe(false);

    const noKey = await call(sim, 'POST', `/api/v1/didyouknow/videos/${v.video_id}/render`, { body: {} });
    expect(noKey.json.error.code).toBe('idempotency_required');
    const key = uniqueKey('render');
    const r = await call(sim, 'POST', `/api/v1/didyouknow/videos/${v.video_id}/render`, {
      body: {},
      idempotencyKey: key,
    });
    expect(r.status).toBe(202);
    expect(r.json).toMatchObject({ video_id: v.video_id, status: 'queued', render_job_id: expect.any(Number) });
    const again = await call(sim, 'POST', `/api/v1/didyouknow/videos/${v.video_id}/render`, {
      body: {},
      idempotencyKey: key,
    });
    expect(again.json.pipeline_run_id).toBe(r.json.pipeline_run_id);
    const busy = await call(sim, 'POST', `/api/v1/didyouknow/videos/${v.video_id}/render`, {
      body: {},
      idempotencyKey: uniqueKey(),
    });
    expect(busy.status).toBe(409);
    expect(busy.json.error.code).toBe('pipeline_run_active');

    sim.advance(100);
    p = await poll('didyouknow', v.video_id);
    expect(p).toMatchObject({
      status: 'completed',
      pipeline_run_id: r.json.pipeline_run_id,
      current_step: 'completed',
    });
    expect(p.render.render_url).toMatch(/\/download\?/);
    expect(captured(ledger(sim, v.video_id))).toBe(previewCharge + 30);
  });

  it('render keys are scoped per account, not per video: a key reused on another video replays the original render', async () => {
    sim.configure({ replayHeader: true });
    const a = await create(sim, 'rants', { preview_only: true });
    const b = await create(sim, 'list', { preview_only: true });
    sim.advance(500);
    const key = uniqueKey('render');
    const first = await call(sim, 'POST', `/api/v1/rants/videos/${a.video_id}/render`, {
      body: {},
      idempotencyKey: key,
    });
    expect(first.status).toBe(202);
    const reused = await call(sim, 'POST', `/api/v1/list/videos/${b.video_id}/render`, {
      body: {},
      idempotencyKey: key,
    });
    expect(reused.status).toBe(202);
    expect(reused.headers.get('idempotent-replayed')).toBe('true');
    expect(reused.json).toMatchObject({ video_id: a.video_id, pipeline_run_id: first.json.pipeline_run_id });
    expect((await poll('list', b.video_id)).pipeline_run_id).toBe(b.pipeline_run_id);
    // A create key is another kind: the same key still starts a render.
    const createKey = uniqueKey('create');
    await call(sim, 'POST', '/api/v1/rants/videos', { body: { preview_only: true }, idempotencyKey: createKey });
    const renderB = await call(sim, 'POST', `/api/v1/list/videos/${b.video_id}/render`, {
      body: {},
      idempotencyKey: createKey,
    });
    expect(renderB.json).toMatchObject({ video_id: b.video_id, status: 'queued' });
    expect(renderB.headers.get('idempotent-replayed')).toBeNull();
  });

  it('render refuses during final-render maintenance and for failed videos', async () => {
    const v = await create(sim, 'rants', { preview_only: true });
    sim.advance(500);
    sim.configure({ maintenance: 'final_render_only' });
    const paused = await call(sim, 'POST', `/api/v1/rants/videos/${v.video_id}/render`, {
      body: {},
      idempotencyKey: uniqueKey(),
    });
    expect(paused.status).toBe(503);
    expect(paused.json.error.details).toEqual({ scope: 'final_render_only', preview_only_available: true });

    const failed = await create(sim, 'rants', {
      preview_only: true,
      prompt: 'rant [sim:fail:script_generation_failed]',
    });
    sim.advance(500);
    sim.configure({ maintenance: 'off' });
    const refused = await call(sim, 'POST', `/api/v1/rants/videos/${failed.video_id}/render`, {
      body: {},
      idempotencyKey: uniqueKey(),
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('video_not_renderable');
  });

  it('abort stops an active run, releases the hold, and refuses a finished run', async () => {
    const v = await create(sim, 'confession', {});
    sim.advance(3 + 20 + 5);
    const res = await call(sim, 'POST', `/api/v1/confession/videos/${v.video_id}/abort`, { body: {} });
    expect(res.status).toBe(200);
    // "status (example: queued, running, completed, failed)": the reference has no aborted status, so an aborted run
    // is failed with pipeline_error.code aborted.
    expect(res.json).toMatchObject({ status: 'failed', released_credits: 81 - 3 });
    const p = await poll('confession', v.video_id);
    expect(p.status).toBe('failed');
    expect(p.pipeline_error.code).toBe('aborted');
    const acct = (sim.state().accounts as Json[])[0];
    expect(acct.held_credits).toBe(0);
    expect(acct.balance).toBe(10_000 - 3);
    const again = await call(sim, 'POST', `/api/v1/confession/videos/${v.video_id}/abort`, { body: {} });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('run_not_active');
  });

  it('[sim:fail:CODE] fails at its step; credits are captured only for the work done', async () => {
    const v = await create(sim, 'story', { prompt: 'Keycard story [sim:fail:slide_generation_failed]' });
    sim.advance(1000);
    const p = await poll('story', v.video_id);
    expect(p.status).toBe('failed');
    expect(p.pipeline_error).toEqual({
      code: 'slide_generation_failed',
      message: expect.any(String),
      step: 'slides',
      category: 'generation_load',
      retryable: true,
      hint: expect.any(String),
    });
    expect(p.current_step).toBe('slides');
    expect(p.story_progress).toMatchObject({ slides_completed: 6, slides_failed: 1 });
    expect(captured(ledger(sim, v.video_id))).toBe(3 + 60);
    expect((sim.state().accounts as Json[])[0].held_credits).toBe(0);
  });

  it('character sheet failures stop a Story before any slide is charged', async () => {
    const v = await create(sim, 'story', { prompt: 'Keycard story [sim:fail:character_sheet_generation_failed]' });
    sim.advance(1000);
    const p = await poll('story', v.video_id);
    expect(p.pipeline_error).toMatchObject({
      code: 'character_sheet_generation_failed',
      step: 'character_sheet',
      retryable: true,
    });
    expect(p.assets.character_sheet_url).toBeNull();
    expect(captured(ledger(sim, v.video_id))).toBe(3);
  });

  it('[sim:fail:CODE@STEP] picks the step; the admin failNext fails the next run once', async () => {
    const v = await create(sim, 'ranking', { prompt: 'Ranking [sim:fail:gpu_melted@metadata]' });
    sim.configure({ failNext: { code: 'render_failed', template: 'rants' } });
    const r1 = await create(sim, 'rants', {});
    const r2 = await create(sim, 'rants', {});
    sim.advance(1000);
    expect((await poll('ranking', v.video_id)).pipeline_error).toMatchObject({
      code: 'gpu_melted',
      step: 'metadata',
      category: 'internal',
    });
    expect((await poll('rants', r1.video_id)).pipeline_error).toMatchObject({ code: 'render_failed', step: 'render' });
    expect((await poll('rants', r2.video_id)).status).toBe('completed');
  });

  it('a preview whose render is told to fail completes, then render later fails', async () => {
    const v = await create(sim, 'list', { preview_only: true, prompt: 'facts [sim:fail:render_failed]' });
    sim.advance(500);
    expect((await poll('list', v.video_id)).status).toBe('completed');
    await call(sim, 'POST', `/api/v1/list/videos/${v.video_id}/render`, { body: {}, idempotencyKey: uniqueKey() });
    sim.advance(500);
    const p = await poll('list', v.video_id);
    expect(p).toMatchObject({ status: 'failed', pipeline_error: { code: 'render_failed', step: 'render' } });
    // render.status is beyond the reference's poll fields (render.render_url, render.retention): answerExtras.
    expect(p.render.status).toBeUndefined();
    sim.configure({ answerExtras: true });
    expect((await poll('list', v.video_id)).render.status).toBe('failed');
  });
});

describe('pipeline at speed', () => {
  it('a default Story finishes within seconds at the default demo speed', async () => {
    const sim = await startFast({ speed: 100 });
    try {
      const v = await create(sim, 'story', {});
      const started = Date.now();
      const done = await waitForTerminal(sim, 'story', v.video_id);
      expect(done.status).toBe('completed');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await sim.close();
    }
  });
});
