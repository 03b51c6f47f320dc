/**
 * Core's classification of an error in a Zap builder's words: an API 422 names each refused field by its label in the
 * Zap editor (never a JSON path or an endpoint), the plan and maintenance hints read core's facts, and a wait that ran
 * out says where the video got to.
 */
import { TrendingError, errorFromResponse, getTemplate } from '@trending/core';
import { errors, type ZObject } from 'zapier-platform-core';
import { toZapierError } from '../src/errors';
import { labelResolver } from '../src/fields';

const z = { errors } as unknown as ZObject;

/** The text a Zap user sees: z.errors.Error carries it as JSON with the code and status. */
function textOf(error: Error): string {
  return error.message.startsWith('{') ? (JSON.parse(error.message) as { message: string }).message : error.message;
}

/** An error answer exactly as the reference shapes it: `{ request_id, error: { code, message, details } }`. */
function answer(status: number, code: string, details?: unknown): TrendingError {
  const body = {
    request_id: 'req_7',
    error: { code, message: 'The request has invalid fields; see error.details.', details },
  };
  return errorFromResponse({ status, headers: {}, body: JSON.stringify(body) });
}

describe('an API 422 in Zapier', () => {
  const labelFor = labelResolver('story');

  it("names every refused field by its Zap editor label, the item's position from 1, without paths or endpoints", () => {
    const error = answer(422, 'validation_failed', {
      'script.reference_images[0].asset_id': [
        'script.reference_images[0].asset_id is not one of your saved reference images (see GET /api/v1/story/reference-images)',
      ],
      'script.images_requested': ['must be between 10 and 30'],
    });
    const zapError = toZapierError(z, error, { secrets: [], labelFor });
    expect(textOf(zapError)).toBe(
      [
        'Some fields cannot be used as they are:',
        '- Reference Images > Reference Image (item 1) is not one of your saved reference images',
        `- ${getTemplate('story').fields.find((f) => f.path === 'script.images_requested')!.label}: must be between 10 and 30`,
        'Correct the fields above, then run the step again.',
        '(Trending request ID: req_7)',
      ].join('\n'),
    );
  });

  it("a step without its own labels still gets the catalogue's", () => {
    const error = answer(422, 'validation_failed', { prompt: ['prompt must be at least 6 characters'] });
    expect(toZapierError(z, error, { secrets: [] }).message).toContain('- Prompt must be at least 6 characters');
  });

  it("a 422 without field messages keeps the API's message and has no field lines", () => {
    const message = toZapierError(z, answer(422, 'validation_failed'), { secrets: [], labelFor }).message;
    expect(message).not.toContain('Some fields cannot be used');
    expect(message).not.toMatch(/^- /m);
    expect(message).toContain('Correct the fields above');
  });
});

describe("hints from core's facts", () => {
  it('a template outside the plan lists the templates the plan has, and halts', () => {
    const error = answer(403, 'membership_template_required', { allowed_templates: ['story', 'list'] });
    const zapError = toZapierError(z, error, { secrets: [] });
    expect(zapError.name).toBe('HaltedError');
    expect(zapError.message).toContain('it includes: story, list. Upgrade your plan to use it.');
  });

  it('maintenance that still allows previews says to set Preview Only', () => {
    const error = answer(503, 'service_unavailable', { scope: 'final_render_only', preview_only_available: true });
    expect(toZapierError(z, error, { secrets: [] }).message).toContain('set Preview Only to Yes');
  });

  it('a wait that ran out says where the video got to and to use Find Video, with no endpoint', () => {
    const error = new TrendingError({
      code: 'wait_timeout',
      // Core's message: the facts only (see core wait.ts).
      message: 'Video 77 is still running (Slides, 40%) after 20 s.',
      details: { video_id: 77, template: 'story', waited_seconds: 20 },
    });
    error.lastStatus = { video_id: 77, status: 'running', step_label: 'Slides', progress_percent: 40 };
    const message = toZapierError(z, error, { secrets: [] }).message;
    expect(message).toContain('Video 77 is still running (Slides, 40%) after 20 s.');
    expect(message).toContain('use Find Video');
    expect(message).not.toMatch(/\/api\//);
  });
});
