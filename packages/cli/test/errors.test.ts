/**
 * How an error reads on stderr, from core's classification: an API 422 gets a line per refused field named by its
 * flag or path (with the catalogue's label), a wait that ran out names the commands that pick the video up again.
 */
import { startSimulator, type SimulatorHandle } from '@trending/simulator';
import { TrendingClient, TrendingError, errorFromResponse, validationError } from '@trending/core';
import { errorLines } from '../src/errors';
import { createTransport } from '../src/transport';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ speed: 2000 });
});
afterAll(() => sim.close());

/** An error answer exactly as the reference shapes it: `{ request_id, error: { code, message, details } }`. */
function answer(status: number, code: string, details?: unknown): TrendingError {
  const body = { request_id: 'req_7', error: { code, message: 'The request has invalid fields.', details } };
  return errorFromResponse({ status, headers: {}, body: JSON.stringify(body) });
}

describe('an API 422 on stderr', () => {
  it("lists the fields the simulator refused, by path and the catalogue's label, without the endpoint", async () => {
    const client = new TrendingClient({ baseUrl: sim.url, apiKey: 'sk_test_pro', transport: createTransport() });
    const error = await client
      .createVideo(
        'story',
        {
          prompt: 'A detective cat follows a trail of sardines.',
          preview_only: true,
          script: { reference_images: [{ asset_id: 999_999 }] },
        },
        { idempotencyKey: 'cli-errors-test-1' },
      )
      .then(
        () => undefined,
        (e: unknown) => e as TrendingError,
      );
    expect(error?.status).toBe(422);
    const lines = errorLines(error!);
    expect(lines[0]).toMatch(/^error: validation_failed: /);
    expect(lines).toContain(
      '  - script.reference_images[0].asset_id (Reference Images > Reference Image) is not one of your saved reference images',
    );
    expect(lines.join('\n')).not.toMatch(/\/api\//);
  });

  it('names a field by its flag where it has one', () => {
    const lines = errorLines(
      answer(422, 'validation_failed', {
        prompt: ['prompt must be at least 6 characters'],
        'webhook.url': ['must use https'],
      }),
    );
    expect(lines).toEqual([
      'error: validation_failed: The request has invalid fields.',
      '  - --prompt must be at least 6 characters',
      '  - --webhook-url: must use https',
      `hint: ${answer(422, 'validation_failed').hint}`,
      'request_id: req_7',
    ]);
  });

  it('a 422 without field messages has no field lines', () => {
    expect(errorLines(answer(422, 'validation_failed', ['not', 'a', 'record']))).toHaveLength(3);
  });

  it("core's own refusal lists its (already worded) violations once there are several", () => {
    const one = validationError([{ path: 'prompt', rule: 'minLength', message: '--prompt is too short' }]);
    expect(errorLines(one).filter((line) => line.startsWith('  - '))).toEqual([]);
    const two = validationError([
      { path: 'prompt', rule: 'minLength', message: '--prompt is too short' },
      { path: 'script.images_requested', rule: 'range', message: '--set script.images_requested is too big' },
    ]);
    expect(errorLines(two).filter((line) => line.startsWith('  - '))).toEqual([
      '  - --prompt is too short',
      '  - --set script.images_requested is too big',
    ]);
  });
});

describe('a wait that ran out on stderr', () => {
  it('says where the video got to and which commands pick it up again, with no endpoint', () => {
    const error = new TrendingError({
      code: 'wait_timeout',
      // Core's message: the facts only (see core wait.ts).
      message: 'Video 77 is still running (Slides, 40%) after 20 s.',
      details: { video_id: 77, template: 'story', waited_seconds: 20 },
    });
    error.lastStatus = { video_id: 77, status: 'running', step_label: 'Slides', progress_percent: 40 };
    expect(errorLines(error)).toEqual([
      'error: wait_timeout: Video 77 is still running (Slides, 40%) after 20 s.',
      'hint: It keeps rendering: `trending wait story 77` waits again, `trending status story 77` shows where it is.',
    ]);
  });
});
