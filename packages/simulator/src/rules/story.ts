/** Story create-body rules ("Parameter mapping (Story)"). */
import { getPath, isRecord } from '../paths';
import { boolean, enumRule, integer, integerIn, text, textProblem, type Body, type Rule, type Violation } from './rule';
import { MUSIC_VOLUME, PREVIEW_ONLY } from './shared';

export const VISUAL_STYLE_PRESETS = [
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

export const REUSE_STORY_MODES = ['different', 'similar', 'continuation'] as const;

const previewOnly = (body: Body) => getPath(body, 'preview_only') === true;
const dialogue = (body: Body) => getPath(body, 'script.voice_format') === 'dialogue';
const customStyle = (body: Body) => getPath(body, 'script.visual_style_preset') === 'custom';
const reusesStory = (body: Body) =>
  ['similar', 'continuation'].includes(getPath(body, 'script.reuse_story_mode') as string);

const MAX_REFERENCE_IMAGES = 9;
const MAX_REFERENCE_DESCRIPTION = 220;

/** `{asset_id, alias?, description?}` or `{story_id, run_id, alias?, description?}`, description at most 220. */
function referenceEntries(value: unknown): string | Violation[] | undefined {
  if (!Array.isArray(value)) return 'must be an array';
  if (value.length > MAX_REFERENCE_IMAGES)
    return `must have at most ${MAX_REFERENCE_IMAGES} entries (got ${value.length})`;
  const out: Violation[] = [];
  value.forEach((entry: unknown, i) => {
    const path = `script.reference_images[${i}]`;
    const set = (key: string) => isRecord(entry) && entry[key] !== undefined && entry[key] !== null;
    if (!isRecord(entry) || !(set('asset_id') || (set('story_id') && set('run_id')))) {
      out.push({
        path,
        message: `${path} must be {asset_id, alias?, description?} or {story_id, run_id, alias?, description?}`,
      });
      return;
    }
    const description = entry.description;
    if (description === undefined || description === null) return;
    const problem = textProblem(description, undefined, MAX_REFERENCE_DESCRIPTION);
    if (problem) out.push({ path: `${path}.description`, message: `${path}.description ${problem}` });
  });
  return out;
}

export const STORY_RULES: readonly Rule[] = [
  { path: 'name', reference: 'name (string, max 180)', check: text({ max: 180 }) },
  { path: 'prompt', reference: 'prompt (string, 6 to 1000 chars)', check: text({ min: 6, max: 1000 }) },
  PREVIEW_ONLY,
  {
    path: 'script.images_requested',
    reference: 'Allowed range is 10 to 30 for normal runs, or 2 to 30 when preview_only=true.',
    check: (value, body) => integerIn(value, previewOnly(body) ? 2 : 10, 30),
  },
  enumRule('script.voice_format', 'script.voice_format (string enum) — dialogue, monologue, or narrated.', [
    'dialogue',
    'monologue',
    'narrated',
  ]),
  {
    path: 'script.narrator_enabled',
    reference: 'script.narrator_enabled (boolean) — only used when voice_format=dialogue.',
    when: dialogue,
    check: boolean(),
  },
  enumRule(
    'script.visual_style_preset',
    'script.visual_style_preset (string enum) — one of the presets below, or custom.',
    VISUAL_STYLE_PRESETS,
  ),
  {
    path: 'script.visual_style_custom',
    reference: 'script.visual_style_custom (string, max 240) — only used when visual_style_preset=custom.',
    when: customStyle,
    check: text({ max: 240 }),
  },
  {
    path: 'script.reuse_characters_from_video_id',
    reference: 'script.reuse_characters_from_video_id (integer)',
    check: integer(),
  },
  {
    path: 'script.reuse_characters_from_video_id',
    reference: 'If you use similar or continuation, you must also set reuse_characters_from_video_id.',
    when: reusesStory,
    absent: 'is required when script.reuse_story_mode is similar or continuation',
  },
  enumRule(
    'script.reuse_story_mode',
    'script.reuse_story_mode (string enum) — different (default), similar (standalone new episode, not continuation), or continuation.',
    REUSE_STORY_MODES,
  ),
  {
    path: 'script.reference_images',
    reference:
      'script.reference_images (array, max 9) — optional Story references. Each entry must be either {asset_id, alias?, description?} (saved reference image) or {story_id, run_id, alias?, description?} (previous Story run image you own). description is optional (max 220)',
    check: referenceEntries,
  },
  {
    path: 'script.reference_instruction',
    reference: 'script.reference_instruction (string, max 600)',
    check: text({ max: 600 }),
  },
  {
    path: 'script.outro.text',
    reference: 'set enabled, text (max 900), and speaker (max 120 or auto)',
    check: text({ max: 900 }),
  },
  {
    path: 'script.outro.speaker',
    reference: 'set enabled, text (max 900), and speaker (max 120 or auto)',
    check: text({ max: 120 }),
  },
  { path: 'script.outro.source_key', reference: 'script.outro.source_key (string, optional)', check: text() },
  MUSIC_VOLUME,
];
