import type { CostEstimate, VideoStatus } from '../src/client';
import { guardCreateSpend } from '../src/spend';
import { LIST_SCRIPT_FIELDS } from '../src/catalogue';
import { classifyError, runProgress } from '../src/error-kinds';
import { catalogueLabel, fieldLine, type FieldError } from '../src/field-errors';
import { TrendingError, errorFromResponse, pipelineError, redactError, validationError } from '../src/errors';
import type { HttpResponse } from '../src/transport';
import { waitForCompletion, type StatusGetter } from '../src/wait';
import { failure } from './support/failure';
import { fakeClock } from './support/node-transport';

/** An error answer exactly as the reference writes it: `{ request_id, error: { code, message, details } }`. */
function answer(status: number, code?: string, details?: unknown): TrendingError {
  const body =
    code === undefined ? '' : JSON.stringify({ request_id: 'req_1', error: { code, message: 'm', details } });
  const res: HttpResponse = { status, headers: {}, body };
  return errorFromResponse(res);
}

function run(status: string, extra: Partial<VideoStatus> = {}): VideoStatus {
  return { video_id: 77, status, ...extra };
}

function answering(...statuses: VideoStatus[]): StatusGetter {
  let calls = 0;
  return async () => statuses[Math.min(calls++, statuses.length - 1)] as VideoStatus;
}

describe('classifyError: the kind, from the code first, then the status', () => {
  it.each([
    [401, 'missing_api_key', 'auth'],
    [401, 'invalid_signature', 'auth'],
    [401, 'nonce_reused', 'auth'],
    [403, 'membership_api_required', 'plan'],
    [403, 'membership_mcp_required', 'plan'],
    [402, 'insufficient_credits', 'credits'],
    [422, 'validation_failed', 'validation'],
    [422, 'idempotency_required', 'validation'],
    [422, 'invalid_ranking_category_preset', 'validation'],
    [409, 'script_version_conflict', 'conflict'],
    [409, 'audio_locked', 'conflict'],
    [409, 'pipeline_run_active', 'conflict'],
    [413, 'request_too_large', 'too_large'],
    [413, 'storage_quota_exceeded', 'too_large'],
    [429, 'rate_limited', 'rate_limit'],
    [503, 'service_unavailable', 'unavailable'],
    [404, 'video_not_found', 'not_found'],
    // A code the table does not know falls back to its status.
    [403, 'some_new_gate', 'plan'],
    [422, 'some_new_refusal', 'validation'],
    [500, 'some_new_crash', 'server'],
    [418, 'teapot', 'other'],
  ])('%i %s -> %s', (status, code, kind) => {
    expect(classifyError(answer(status, code)).kind).toBe(kind);
  });

  it.each([
    [400, 'validation'],
    [401, 'auth'],
    [404, 'not_found'],
    [409, 'conflict'],
    [429, 'rate_limit'],
    [502, 'server'],
    [503, 'unavailable'],
  ])('a bare %i (no envelope) -> %s', (status, kind) => {
    expect(classifyError(answer(status)).kind).toBe(kind);
  });

  it.each([
    ['network_error', 'network'],
    ['timeout', 'timeout'],
    ['invalid_response', 'bad_response'],
    ['render_not_ready', 'not_ready'],
    ['render_expired', 'not_ready'],
    ['spend_limit_exceeded', 'spend_limit'],
    ['something_local', 'other'],
  ])("core's own %s -> %s", (code, kind) => {
    expect(classifyError(new TrendingError({ code, message: 'x' })).kind).toBe(kind);
  });
});

describe("classifyError: a 422's field errors", () => {
  it("reads the reference's field-level messages with the catalogue's labels, item positions counted from 1", () => {
    const error = answer(422, 'validation_failed', {
      'script.images_requested': ['script.images_requested must be between 10 and 30'],
      'script.reference_images.0.asset_id': ['asset 999 is not one of your reference images'],
      prompt: 'prompt must be at least 6 characters',
      mystery_key: ['not in the catalogue'],
    });
    expect(classifyError(error, { template: 'story' })).toEqual({
      kind: 'validation',
      sent: true,
      fields: [
        {
          path: 'script.images_requested',
          fieldPath: 'script.images_requested',
          label: 'Slides',
          message: 'script.images_requested must be between 10 and 30',
        },
        {
          path: 'script.reference_images.0.asset_id',
          fieldPath: 'script.reference_images.asset_id',
          itemNumber: 1,
          label: 'Reference Images > Reference Image',
          message: 'asset 999 is not one of your reference images',
        },
        { path: 'prompt', fieldPath: 'prompt', label: 'Prompt', message: 'prompt must be at least 6 characters' },
        { path: 'mystery_key', fieldPath: 'mystery_key', message: 'not in the catalogue' },
      ],
    });
  });

  it.each([
    ['no details', undefined],
    ['an empty object', {}],
    ['a list', ['prompt is too short']],
    ['a string', 'prompt is too short'],
    ['values that are not messages', { prompt: { min: 6 }, slides: 12, tags: [1, 2] }],
    ['credentials the API repeated back', { api_key: 'sk_live_x', Authorization: 'Bearer sk_live_x' }],
  ])('takes the safe path for %s: no field lines', (_what, details) => {
    expect(classifyError(answer(422, 'validation_failed', details))).toEqual({
      kind: 'validation',
      sent: true,
      fields: [],
    });
  });

  it("reads core's own refusal (nothing sent) from its violations", () => {
    const error = validationError([
      { path: 'script.images_requested', rule: 'range', message: 'script.images_requested must be 8 to 30' },
    ]);
    const classified = classifyError(error);
    expect(classified).toMatchObject({ kind: 'validation', sent: false });
    expect(classified.kind === 'validation' && classified.fields[0]?.label).toBe('Slides');
  });

  it("a helper request's fields come first: their labels name helper-only paths", () => {
    const error = answer(422, 'validation_failed', { 'lines[2].text': ['text must be a string'] });
    const classified = classifyError(error, { fields: LIST_SCRIPT_FIELDS });
    expect(classified.kind === 'validation' && classified.fields[0]).toMatchObject({
      fieldPath: 'lines.text',
      itemNumber: 3,
      label: 'Lines > Text',
    });
    expect(catalogueLabel('lines.text')).toBeUndefined();
  });
});

describe('classifyError: facts the faces word', () => {
  it("a plan gate carries the reference's allowed_templates", () => {
    const error = answer(403, 'membership_template_required', { allowed_templates: ['story', 'list'] });
    expect(classifyError(error)).toEqual({ kind: 'plan', allowedTemplates: ['story', 'list'] });
  });

  it('maintenance says whether preview-only work is available', () => {
    expect(classifyError(answer(503, 'service_unavailable', { scope: 'final_render_only' }))).toEqual({
      kind: 'unavailable',
      previewOnly: true,
    });
    expect(classifyError(answer(503, 'service_unavailable'))).toEqual({ kind: 'unavailable', previewOnly: false });
  });

  it("the spend guard's refusal carries the quote and the maximum", async () => {
    const quoting = {
      estimateCost: async () => ({ estimate: { total_credits: 183 } }) as unknown as CostEstimate,
    };
    const error = await failure(guardCreateSpend(quoting, 'story', { prompt: 'A long story' }, 100));
    expect(classifyError(error)).toEqual({ kind: 'spend_limit', estimatedCredits: 183, maxCredits: 100 });
  });

  it('a wait that runs out carries the video and its last status, for the face to say where to look', async () => {
    const running = run('running', { step_label: 'Slides', progress_percent: 40 });
    const error = await failure(
      waitForCompletion(answering(running), 'rants', 77, { timeoutMs: 12_000, clock: fakeClock() }),
    );
    expect(classifyError(error)).toMatchObject({ kind: 'wait_timeout', videoId: 77, lastStatus: running });
  });

  it('a failed run is run_failed whatever its pipeline code, an aborted one aborted', async () => {
    const failed = run('failed', { pipeline_error: { code: 'slide_generation_failed', message: 'busy' } });
    const error = await failure(
      waitForCompletion(answering(run('running'), failed), 'story', 77, { timeoutMs: 60_000, clock: fakeClock() }),
    );
    expect(classifyError(error)).toMatchObject({ kind: 'run_failed', videoId: 77 });
    const aborted = run('failed', { pipeline_error: { code: 'aborted', message: 'stopped' } });
    expect(classifyError(pipelineError(aborted))).toMatchObject({ kind: 'aborted', videoId: 77 });
    const abortedStatus = await failure(
      waitForCompletion(answering(run('aborted')), 'story', 77, { timeoutMs: 60_000, clock: fakeClock() }),
    );
    expect(classifyError(abortedStatus).kind).toBe('aborted');
  });

  it('a cancelled wait is cancelled, not aborted: the run keeps going', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(
      waitForCompletion(answering(run('running')), 'story', 77, {
        timeoutMs: 60_000,
        clock: fakeClock(),
        signal: controller.signal,
      }),
    );
    expect(classifyError(error)).toMatchObject({ kind: 'cancelled', videoId: 77 });
  });

  it('redacting an error keeps the last status (scrubbed too)', () => {
    const error = pipelineError(run('failed', { status_detail: 'key sk_live_secret_value leaked' }));
    const redacted = redactError(error, ['sk_live_secret_value']);
    expect(classifyError(redacted).kind).toBe('run_failed');
    expect(redacted.lastStatus?.status_detail).toBe('key [REDACTED] leaked');
  });
});

describe('fieldLine and runProgress', () => {
  const field = (path: string, message: string): FieldError => ({ path, fieldPath: path, message });

  it('names the field in place of its path, or before a message that does not start with it', () => {
    expect(fieldLine(field('script.images_requested', 'script.images_requested must be 8 to 30'), 'Slides')).toBe(
      'Slides must be 8 to 30',
    );
    expect(fieldLine(field('script.lines.2.text', 'text must be a string'), 'Line Text')).toBe(
      'Line Text must be a string',
    );
    expect(fieldLine(field('prompt', 'too short'), 'Prompt')).toBe('Prompt: too short');
    // The API's pointer to an endpoint is dropped: each face names its own way to list the choices.
    expect(
      fieldLine(
        field(
          'script.outro.source_key',
          'script.outro.source_key is not one of your saved outros (see GET /api/v1/story/outro-sources)',
        ),
        'Saved Outro',
      ),
    ).toBe('Saved Outro is not one of your saved outros');
    // A word that only begins like the path's last part is not the path.
    expect(fieldLine(field('script.reference_images.0.asset_id', 'asset 9 is unknown'), 'Image')).toBe(
      'Image: asset 9 is unknown',
    );
  });

  it('says how far a run got without naming an endpoint', () => {
    expect(runProgress(run('running', { step_label: 'Slides', progress_percent: 40 }))).toBe('running (Slides, 40%)');
    expect(runProgress(run('queued'))).toBe('queued');
    expect(runProgress(run('running', { current_step: 'render' }))).toBe('running (render)');
  });
});
