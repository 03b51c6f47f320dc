import { LONG_PROMPT_CHARS, MUSIC_FIELDS, NAME, PREVIEW_ONLY, WEBHOOK_FIELDS, promptField } from './common';
import type { FieldSpec, TemplateSpec } from './types';

const VISUAL_STYLE_PRESETS = [
  'semi_realistic_painterly',
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
] as const;

const REFERENCE_IMAGE_ITEM: readonly FieldSpec[] = [
  {
    path: 'asset_id',
    type: 'integer',
    label: 'Reference Image',
    description:
      'asset_id of a saved Story reference image (upload one or list yours with the reference-images helper).',
    source: 'referenceImages',
  },
  {
    path: 'story_id',
    type: 'integer',
    label: 'Story ID',
    description:
      'ID of one of your previous Story videos whose run image you want to reuse; send together with run_id.',
  },
  {
    path: 'run_id',
    type: 'integer',
    label: 'Run ID',
    description: 'Pipeline run ID of that previous Story video; send together with story_id.',
  },
  {
    path: 'alias',
    type: 'string',
    label: 'Alias',
    description:
      'Short handle for this reference (e.g. logo_ref) that the reference instruction can mention as @logo_ref.',
  },
  {
    path: 'description',
    type: 'string',
    label: 'Description',
    description: 'What the image shows (max 220 characters); recommended when the file name is ambiguous.',
    max: 220,
  },
];

const STORY_SCRIPT: readonly FieldSpec[] = [
  {
    path: 'script.images_requested',
    type: 'integer',
    label: 'Slides',
    description: 'How many slides (images) to generate: 10 to 30, or 2 to 30 when Preview Only is on. Default 12.',
    min: 10,
    max: 30,
    default: 12,
    rangeWhen: { when: { path: 'preview_only', equals: [true] }, min: 2, max: 30 },
  },
  {
    path: 'script.visual_style_preset',
    type: 'enum',
    label: 'Visual Style',
    description:
      'Art style of the slides. Choose custom to describe your own style in Custom Visual Style. Default semi_realistic_painterly.',
    options: VISUAL_STYLE_PRESETS,
    default: 'semi_realistic_painterly',
  },
  {
    path: 'script.visual_style_custom',
    type: 'string',
    label: 'Custom Visual Style',
    description:
      'Your own style prompt (max 240 characters), e.g. "watercolor, warm rim light". Required and only used when Visual Style is custom.',
    max: 240,
    usedOnlyWhen: { path: 'script.visual_style_preset', equals: ['custom'] },
    requiredWhen: { path: 'script.visual_style_preset', equals: ['custom'] },
    advanced: true,
  },
  {
    path: 'script.voice_format',
    type: 'enum',
    label: 'Voice Format',
    description:
      'How the story is voiced: dialogue (characters speak), monologue (one speaker) or narrated (a narrator tells it).',
    options: ['dialogue', 'monologue', 'narrated'],
    advanced: true,
  },
  {
    path: 'script.narrator_enabled',
    type: 'boolean',
    label: 'Narrator Enabled',
    description: 'Add a narrator alongside the characters. Only used when Voice Format is dialogue.',
    usedOnlyWhen: { path: 'script.voice_format', equals: ['dialogue'] },
    advanced: true,
  },
  {
    path: 'script.reuse_characters_from_video_id',
    type: 'integer',
    label: 'Reuse Characters From Video',
    description:
      'ID of one of your past Story videos whose characters to reuse (list them with the character-sources helper). Required when Reuse Story Mode is similar or continuation.',
    source: 'characterSources',
    requiredWhen: { path: 'script.reuse_story_mode', equals: ['similar', 'continuation'] },
    advanced: true,
  },
  {
    path: 'script.reuse_story_mode',
    type: 'enum',
    label: 'Reuse Story Mode',
    description:
      'With reused characters: different (a new story, the default), similar (a standalone new episode) or continuation (continues the earlier story). similar and continuation need Reuse Characters From Video.',
    options: ['different', 'similar', 'continuation'],
    default: 'different',
    advanced: true,
  },
  {
    path: 'script.reference_images',
    type: 'object[]',
    label: 'Reference Images',
    description:
      'Up to 9 images the slides should follow. Each is either a saved reference image {asset_id} or a previous Story run image you own {story_id, run_id}, with an optional alias and description.',
    max: 9,
    items: REFERENCE_IMAGE_ITEM,
    itemOneOf: [['asset_id'], ['story_id', 'run_id']],
    advanced: true,
  },
  {
    path: 'script.reference_instruction',
    type: 'string',
    label: 'Reference Instruction',
    description:
      'Extra instructions (max 600 characters) for how to use the reference images, e.g. "Use @logo_ref on the jersey chest only."',
    max: 600,
    advanced: true,
  },
  {
    path: 'script.outro.enabled',
    type: 'boolean',
    label: 'Outro Enabled',
    description: 'Add an outro (ad or sign-off) line at the end of the story, written during script creation.',
    advanced: true,
  },
  {
    path: 'script.outro.text',
    type: 'string',
    label: 'Outro Text',
    description: 'The outro line (max 900 characters), e.g. "This story was brought to you by SkyLaunch."',
    max: 900,
    advanced: true,
  },
  {
    path: 'script.outro.speaker',
    type: 'string',
    label: 'Outro Speaker',
    description: 'Who says the outro line: a character name (max 120 characters) or auto.',
    max: 120,
    advanced: true,
  },
  {
    path: 'script.outro.source_key',
    type: 'string',
    label: 'Saved Outro',
    description: 'Reuse a saved outro by its key (list them with the outro-sources helper).',
    source: 'outroSources',
    advanced: true,
  },
];

export const STORY: TemplateSpec = {
  id: 'story',
  label: 'Story',
  description:
    'An illustrated short story: AI-written script, generated slides in a chosen visual style, voiced characters and music.',
  narrated: true,
  fields: [
    promptField('Story idea, 6 to 1000 characters. If omitted, Studio picks one.', 6, LONG_PROMPT_CHARS),
    NAME,
    PREVIEW_ONLY,
    ...STORY_SCRIPT,
    ...MUSIC_FIELDS,
    ...WEBHOOK_FIELDS,
  ],
};
