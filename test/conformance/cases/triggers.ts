/**
 * Trigger bodies (POST /api/v1/triggers/videos and the signed /api/v1/triggers/webhook): the reference's two
 * examples, every video_type, the three ways to send an API key, and idempotency by header or by body field.
 */
import { TEMPLATE_IDS } from '@trending/core';
import { accepted, invalid, refused, type TriggerCase } from '../case';

const PROMPT = 'A short scary story about a hotel keycard.';
const VIDEO_TYPES = 'video_type — one of: story, dmstory, confession, didyouknow, rants, ranking, list';

function trigger(id: string, reference: string, rest: Omit<TriggerCase, 'kind' | 'id' | 'reference'>): TriggerCase {
  return { kind: 'trigger', id: `trigger.${id}`, reference, ...rest };
}

/** Each run sends a fresh key where the case does not fix one (a fixed key would replay the first run's answer). */
export const FRESH_KEY = '{fresh}';

export const triggerCases: TriggerCase[] = [
  trigger('example.api-key-in-body', 'Example (API key in JSON body)', {
    via: 'bodyApiKey',
    body: {
      video_type: 'story',
      idempotency_key: FRESH_KEY,
      preview_only: false,
      prompt: PROMPT,
      webhook: {
        url: 'https://example.com/webhooks/trending',
        secret: 'optional shared secret',
        events: ['trending.story.v001.completed', 'trending.story.v001.failed'],
      },
    },
    expect: accepted,
  }),
  trigger('example.signed', 'Example (signed trigger)', {
    via: 'signed',
    body: { video_type: 'story', idempotency_key: FRESH_KEY, preview_only: false, prompt: PROMPT },
    expect: accepted,
  }),
  trigger(
    'example.idempotency-body-only',
    'If it cannot, you can send idempotency_key in the JSON body and we will treat it like the header.',
    {
      via: 'bearer',
      body: { video_type: 'story', idempotency_key: FRESH_KEY },
      expect: accepted,
    },
  ),
  trigger('auth.bearer', 'Recommended: Authorization: Bearer YOUR_API_KEY', {
    via: 'bearer',
    body: { video_type: 'rants', prompt: 'A rant about group projects.' },
    idempotencyKey: FRESH_KEY,
    expect: accepted,
  }),
  trigger('auth.x-trending-api-key', 'X-Trending-Api-Key: YOUR_API_KEY', {
    via: 'xTrendingApiKey',
    body: { video_type: 'rants', prompt: 'A rant about group projects.' },
    idempotencyKey: FRESH_KEY,
    expect: accepted,
  }),
  trigger('idempotency.header', 'If your tool can set headers, send Idempotency-Key.', {
    via: 'bearer',
    body: { video_type: 'list', prompt: 'ocean facts' },
    idempotencyKey: FRESH_KEY,
    expect: accepted,
  }),
  trigger('idempotency.missing', 'Triggers require idempotency so retries don’t create duplicates.', {
    via: 'bearer',
    body: { video_type: 'list', prompt: 'ocean facts' },
    expect: refused(422, 'idempotency_required'),
  }),
  trigger('idempotency.missing-signed', 'Triggers require idempotency so retries don’t create duplicates.', {
    via: 'signed',
    body: { video_type: 'list', prompt: 'ocean facts' },
    expect: refused(422, 'idempotency_required'),
  }),
  ...TEMPLATE_IDS.map((videoType) =>
    trigger(`video-type.${videoType}`, VIDEO_TYPES, {
      via: 'bearer',
      body: { video_type: videoType, idempotency_key: FRESH_KEY, preview_only: true },
      expect: accepted,
    }),
  ),
  trigger('video-type.missing', 'Required fields', {
    via: 'bearer',
    body: { prompt: PROMPT, idempotency_key: FRESH_KEY },
    expect: invalid('video_type'),
  }),
  trigger('video-type.unknown', VIDEO_TYPES, {
    via: 'bearer',
    body: { video_type: 'podcast', prompt: PROMPT, idempotency_key: FRESH_KEY },
    expect: invalid('video_type'),
  }),
  trigger('fields.same-as-create', 'All other fields are the same as that video type’s normal create endpoint.', {
    via: 'bearer',
    body: { video_type: 'story', idempotency_key: FRESH_KEY, script: { images_requested: 31 } },
    expect: invalid('script.images_requested'),
  }),
  trigger('fields.only-used-when', 'All other fields are the same as that video type’s normal create endpoint.', {
    via: 'signed',
    body: {
      video_type: 'story',
      idempotency_key: FRESH_KEY,
      script: { voice_format: 'narrated', narrator_enabled: true },
    },
    expect: accepted,
  }),
  trigger('fields.long-prompt', 'All other fields are the same as that video type’s normal create endpoint.', {
    via: 'bearer',
    body: { video_type: 'dmstory', idempotency_key: FRESH_KEY, prompt: 'a long chat '.repeat(125) },
    expect: accepted,
  }),
  trigger(
    'auth.missing',
    'missing_api_key — send Authorization: Bearer YOUR_API_KEY (or X-Trending-Api-Key / X-Api-Key).',
    {
      via: 'bearer',
      auth: 'none',
      body: { video_type: 'story', idempotency_key: FRESH_KEY },
      expect: refused(401, 'missing_api_key'),
      decidedBy: 'account',
    },
  ),
];
