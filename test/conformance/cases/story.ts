/**
 * Story create bodies: the reference's two Story examples, every documented range at both edges and one step past,
 * every enum member, the "only used when" and "must also set" rules, reference-image shapes, and other templates'
 * options (unknown keys: the reference defines no refusal for them).
 */
import { accepted, invalid, text, type CreateCase, type Expectation } from '../case';

function story(id: string, reference: string, body: Record<string, unknown>, expect: Expectation): CreateCase {
  const script = (body.script ?? {}) as Record<string, unknown>;
  const refs = (script.reference_images ?? []) as Record<string, unknown>[];
  const owned = script.reuse_characters_from_video_id != null || refs.some((r) => r.story_id != null);
  return {
    kind: 'create',
    id: `story.${id}`,
    template: 'story',
    body,
    reference,
    expect,
    ...(owned ? { callerOwns: true } : {}),
  };
}

const PROMPT = 'A short scary story about a hotel keycard.';

/** The reference's full Story example, verbatim. */
export const STORY_EXAMPLE = {
  name: 'Optional video name',
  prompt: 'Optional story idea (min 6 chars if provided)',
  preview_only: false,
  script: {
    images_requested: 12,
    voice_format: 'dialogue',
    narrator_enabled: false,
    visual_style_preset: 'semi_realistic_painterly',
    visual_style_custom: null,
    reuse_characters_from_video_id: null,
    reuse_story_mode: 'different',
    reference_images: [
      { asset_id: 501, alias: 'logo_ref', description: 'CPALead logo mark' },
      { story_id: 456, run_id: 9912, alias: 'mascot_sheet', description: 'Mascot style reference' },
    ],
    reference_instruction: 'Use @logo_ref on the jersey chest only.',
    outro: { enabled: true, text: 'This story was brought to you by SkyLaunch.', speaker: 'Ava' },
  },
  music: { enabled: true, category: 'Dramatic', volume_percent: 20 },
  webhook: {
    url: 'https://example.com/webhooks/trending',
    secret: 'optional shared secret',
    events: ['trending.story.v001.completed', 'trending.story.v001.failed'],
  },
};

const PRESETS = [
  'semi_realistic_painterly (default)',
  'anime',
  '3d_animated',
  'photorealistic',
  'cel_shaded_cartoon',
  'comic',
  'watercolor_storybook',
  'flat_vector',
  'pencil_sketch',
  'oil_painting',
  'neon_cyberpunk',
  'noir',
  'claymation',
  'knitted_yarn',
  'low_poly_3d',
  'custom',
];

const RANGE_PROMPT = 'prompt (string, 6 to 1000 chars)';
const RANGE_SLIDES = 'Allowed range is 10 to 30 for normal runs, or 2 to 30 when preview_only=true.';
const OUTRO = 'set enabled, text (max 900), and speaker (max 120 or auto)';

export const storyCases: CreateCase[] = [
  story('example.full', 'Request body (all fields optional):', STORY_EXAMPLE, accepted),
  story(
    'example.custom-style',
    'If you set script.visual_style_preset to custom, set script.visual_style_custom to your own style prompt.',
    {
      script: {
        visual_style_preset: 'custom',
        visual_style_custom:
          'semi-realistic painterly illustration, warm rim light, soft shadows, cinematic depth of field',
      },
    },
    accepted,
  ),
  story(
    'example.quickstart',
    'You must send an Idempotency-Key for create requests.',
    {
      preview_only: false,
      prompt: PROMPT,
      webhook: {
        url: 'https://example.com/webhooks/trending',
        secret: 'optional shared secret',
        events: ['trending.story.v001.*'],
      },
    },
    accepted,
  ),
  story('empty-body', 'Request body (all fields optional):', {}, accepted),

  // prompt 6..1000
  story('prompt.min', RANGE_PROMPT, { prompt: text(6) }, accepted),
  story('prompt.below-min', RANGE_PROMPT, { prompt: text(5) }, invalid('prompt')),
  story('prompt.max', RANGE_PROMPT, { prompt: text(1000) }, accepted),
  story('prompt.above-max', RANGE_PROMPT, { prompt: text(1001) }, invalid('prompt')),

  // name max 180
  story('name.max', 'name (string, max 180)', { name: text(180) }, accepted),
  story('name.above-max', 'name (string, max 180)', { name: text(181) }, invalid('name')),

  // images_requested 10..30, or 2..30 with preview_only
  story('images.min', RANGE_SLIDES, { script: { images_requested: 10 } }, accepted),
  story('images.below-min', RANGE_SLIDES, { script: { images_requested: 9 } }, invalid('script.images_requested')),
  story('images.max', RANGE_SLIDES, { script: { images_requested: 30 } }, accepted),
  story('images.above-max', RANGE_SLIDES, { script: { images_requested: 31 } }, invalid('script.images_requested')),
  story('images.preview.min', RANGE_SLIDES, { preview_only: true, script: { images_requested: 2 } }, accepted),
  story(
    'images.preview.below-min',
    RANGE_SLIDES,
    { preview_only: true, script: { images_requested: 1 } },
    invalid('script.images_requested'),
  ),
  story('images.preview.max', RANGE_SLIDES, { preview_only: true, script: { images_requested: 30 } }, accepted),
  story(
    'images.preview.above-max',
    RANGE_SLIDES,
    { preview_only: true, script: { images_requested: 31 } },
    invalid('script.images_requested'),
  ),
  story(
    'images.two-without-preview',
    RANGE_SLIDES,
    { preview_only: false, script: { images_requested: 2 } },
    invalid('script.images_requested'),
  ),

  // visual_style_custom max 240 (with custom)
  story(
    'style-custom.max',
    'script.visual_style_custom (string, max 240)',
    { script: { visual_style_preset: 'custom', visual_style_custom: text(240) } },
    accepted,
  ),
  story(
    'style-custom.above-max',
    'script.visual_style_custom (string, max 240)',
    { script: { visual_style_preset: 'custom', visual_style_custom: text(241) } },
    invalid('script.visual_style_custom'),
  ),

  // reference_images max 9, description max 220, reference_instruction max 600
  story(
    'reference-images.max',
    'script.reference_images (array, max 9)',
    { script: { reference_images: Array.from({ length: 9 }, () => ({ asset_id: 501 })) } },
    accepted,
  ),
  story(
    'reference-images.above-max',
    'script.reference_images (array, max 9)',
    { script: { reference_images: Array.from({ length: 10 }, () => ({ asset_id: 501 })) } },
    invalid('script.reference_images'),
  ),
  story(
    'reference-images.description.max',
    'description is optional (max 220)',
    { script: { reference_images: [{ asset_id: 501, description: text(220) }] } },
    accepted,
  ),
  story(
    'reference-images.description.above-max',
    'description is optional (max 220)',
    { script: { reference_images: [{ asset_id: 501, description: text(221) }] } },
    invalid('script.reference_images[0].description'),
  ),
  story(
    'reference-instruction.max',
    'script.reference_instruction (string, max 600)',
    { script: { reference_instruction: text(600) } },
    accepted,
  ),
  story(
    'reference-instruction.above-max',
    'script.reference_instruction (string, max 600)',
    { script: { reference_instruction: text(601) } },
    invalid('script.reference_instruction'),
  ),

  // reference_images item shapes
  story(
    'reference-images.asset-only',
    'Each entry must be either {asset_id, alias?, description?} (saved reference image)',
    { script: { reference_images: [{ asset_id: 502 }] } },
    accepted,
  ),
  story(
    'reference-images.story-run',
    'or {story_id, run_id, alias?, description?} (previous Story run image you own)',
    { script: { reference_images: [{ story_id: 456, run_id: 9912, alias: 'mascot_sheet' }] } },
    accepted,
  ),
  story(
    'reference-images.story-without-run',
    'Each entry must be either {asset_id, alias?, description?} (saved reference image) or {story_id, run_id, alias?, description?} (previous Story run image you own).',
    { script: { reference_images: [{ story_id: 456, alias: 'mascot_sheet' }] } },
    invalid('script.reference_images[0]'),
  ),
  story(
    'reference-images.alias-only',
    'Each entry must be either {asset_id, alias?, description?} (saved reference image) or {story_id, run_id, alias?, description?} (previous Story run image you own).',
    { script: { reference_images: [{ alias: 'logo_ref', description: 'CPALead logo mark' }] } },
    invalid('script.reference_images[0]'),
  ),

  // outro text max 900, speaker max 120 or auto
  story('outro.text.max', OUTRO, { script: { outro: { enabled: true, text: text(900) } } }, accepted),
  story(
    'outro.text.above-max',
    OUTRO,
    { script: { outro: { enabled: true, text: text(901) } } },
    invalid('script.outro.text'),
  ),
  story('outro.speaker.max', OUTRO, { script: { outro: { enabled: true, speaker: text(120) } } }, accepted),
  story(
    'outro.speaker.above-max',
    OUTRO,
    { script: { outro: { enabled: true, speaker: text(121) } } },
    invalid('script.outro.speaker'),
  ),
  story('outro.speaker.auto', OUTRO, { script: { outro: { enabled: true, speaker: 'auto' } } }, accepted),
  story(
    'outro.source-key',
    'script.outro.source_key (string, optional)',
    { script: { outro: { source_key: 'skylaunch_default' } } },
    accepted,
  ),

  // enums
  ...['dialogue', 'monologue', 'narrated'].map((format) =>
    story(
      `voice-format.${format}`,
      'script.voice_format (string enum) — dialogue, monologue, or narrated.',
      { script: { voice_format: format } },
      accepted,
    ),
  ),
  story(
    'voice-format.unknown',
    'script.voice_format (string enum) — dialogue, monologue, or narrated.',
    { script: { voice_format: 'chorus' } },
    invalid('script.voice_format'),
  ),
  ...PRESETS.map((line) => {
    const preset = line.split(' ')[0] as string;
    const script: Record<string, unknown> = { visual_style_preset: preset };
    // custom is only complete with its own style prompt (the reference's "What custom means").
    if (preset === 'custom') script.visual_style_custom = 'watercolor, warm rim light';
    return story(`visual-style.${preset}`, `• ${line}`, { script }, accepted);
  }),
  story(
    'visual-style.unknown',
    'script.visual_style_preset (string enum) — one of the presets below, or custom.',
    { script: { visual_style_preset: 'pixel_art' } },
    invalid('script.visual_style_preset'),
  ),
  story(
    'reuse-mode.different',
    'script.reuse_story_mode (string enum) — different (default)',
    { script: { reuse_story_mode: 'different' } },
    accepted,
  ),
  story(
    'reuse-mode.unknown',
    'script.reuse_story_mode (string enum) — different (default), similar (standalone new episode, not continuation), or continuation.',
    { script: { reuse_story_mode: 'sequel' } },
    invalid('script.reuse_story_mode'),
  ),

  // "If you use similar or continuation, you must also set reuse_characters_from_video_id."
  ...['similar', 'continuation'].flatMap((mode) => [
    story(
      `reuse-mode.${mode}.without-video`,
      'If you use similar or continuation, you must also set reuse_characters_from_video_id.',
      { script: { reuse_story_mode: mode } },
      invalid('script.reuse_characters_from_video_id'),
    ),
    story(
      `reuse-mode.${mode}.with-video`,
      'If you use similar or continuation, you must also set reuse_characters_from_video_id.',
      { script: { reuse_story_mode: mode, reuse_characters_from_video_id: 12345 } },
      { ...accepted },
    ),
  ]),

  // "only used when": the field is ignored otherwise, never refused.
  story(
    'narrator.without-dialogue',
    'script.narrator_enabled (boolean) — only used when voice_format=dialogue.',
    { script: { voice_format: 'monologue', narrator_enabled: true } },
    accepted,
  ),
  story(
    'narrator.without-voice-format',
    'script.narrator_enabled (boolean) — only used when voice_format=dialogue.',
    { script: { narrator_enabled: true } },
    accepted,
  ),
  story(
    'narrator.with-dialogue',
    'script.narrator_enabled (boolean) — only used when voice_format=dialogue.',
    { script: { voice_format: 'dialogue', narrator_enabled: true } },
    accepted,
  ),
  story(
    'style-custom.without-custom',
    'script.visual_style_custom (string, max 240) — only used when visual_style_preset=custom.',
    { script: { visual_style_preset: 'anime', visual_style_custom: 'warm rim light' } },
    accepted,
  ),
  story(
    'style-custom.without-preset',
    'script.visual_style_custom (string, max 240) — only used when visual_style_preset=custom.',
    { script: { visual_style_custom: 'warm rim light' } },
    accepted,
  ),

  // Music: the reference gives a default volume, no range.
  story(
    'music.volume-default',
    'optional music.volume_percent (default 20)',
    { music: { enabled: true, volume_percent: 20 } },
    accepted,
  ),
  story(
    'music.id-alias',
    'optional music.music_id (or music.id) for a specific track',
    { music: { enabled: true, id: 7 } },
    accepted,
  ),

  // Other templates' options on Story: the reference defines no refusal for keys a template does not use.
  story(
    'foreign.voice-actor-id',
    'Voice note for narrated auto-cast templates (story, dmstory, confession, didyouknow, rants, list): if you do not set explicit voice actor IDs (where supported), Studio may auto-pick from your saved favorites.',
    { prompt: PROMPT, voice: { voice_actor_id: 101 } },
    accepted,
  ),
  story(
    'foreign.item-count',
    'Request body (all fields optional):',
    { prompt: PROMPT, script: { item_count: 5 } },
    accepted,
  ),
  story(
    'foreign.topic-preset',
    'Request body (all fields optional):',
    { prompt: PROMPT, script: { topic_preset: 'boss_text' } },
    accepted,
  ),
];
