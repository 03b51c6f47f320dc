/**
 * The helper endpoints' request fields, as catalogue data: faces derive their inputs from these records (n8n
 * properties, Zapier input fields, CLI flags) and core's helper validators enforce them, so each is described once.
 * Paths are relative to the request body (inside `items`, to one item).
 *
 * Where the reference names a setting but not its key or values, the choice here is the one the simulator implements
 * (see packages/simulator/README.md, "Interpretations").
 */
import { deepFreeze } from './freeze';
import { RANKING } from './ranking';
import { STORY } from './story';
import { TEMPLATES, TEMPLATE_IDS } from './templates';
import type { FieldSpec, HelperFieldSpec, TemplateId, UploadFileKind } from './types';

function storyField(path: string): FieldSpec {
  const field = STORY.fields.find((f) => f.path === path);
  if (field === undefined) throw new Error(`the story catalogue has no ${path}`);
  return field;
}

/** A create-body field re-used by a helper endpoint under another key: same type, bounds and rules. */
function reuse(path: string, key: string, overrides: Partial<HelperFieldSpec> = {}): HelperFieldSpec {
  const { advanced: _advanced, ...field } = storyField(path);
  return { ...field, path: key, ...overrides };
}

// ---- Story outro ----------------------------------------------------------------------------------------------------

/**
 * PUT /api/v1/story/videos/{video_id}/outro. The reference names the settings (line, speaker, image prompt, reference
 * slide, up to 4 attachment asset IDs) but not their keys; these keys mirror the create body's `script.outro`.
 */
export const OUTRO_UPDATE_FIELDS: readonly HelperFieldSpec[] = deepFreeze([
  reuse('script.outro.enabled', 'enabled', {
    label: 'Enabled',
    description: 'Whether the story has an outro (ad or sign-off) line at the end.',
  }),
  reuse('script.outro.text', 'text', { label: 'Text' }),
  reuse('script.outro.speaker', 'speaker', { label: 'Speaker' }),
  {
    path: 'image_prompt',
    type: 'string',
    label: 'Image Prompt',
    description: 'What the outro image should show (generate it afterwards with the outro-image endpoint).',
  },
  {
    path: 'reference_slide_index',
    type: 'integer',
    label: 'Reference Slide Index',
    description: 'Which slide (0-based) the outro image takes its look from; it must exist in the video.',
    min: 0,
  },
  {
    path: 'attachment_asset_ids',
    type: 'integer[]',
    label: 'Attachments',
    description: 'Up to 4 saved Story reference images (asset IDs) to attach to the outro image.',
    max: 4,
    source: 'referenceImages',
  },
]);

// ---- Story slide animations -----------------------------------------------------------------------------------------

/** POST /api/v1/story/videos/{video_id}/slide-animations: one slide, 10 credits per derived second (3-5 s). */
export const SLIDE_ANIMATION_FIELDS: readonly HelperFieldSpec[] = deepFreeze([
  {
    path: 'slide_index',
    type: 'integer',
    label: 'Slide Index',
    description:
      'Which slide (0-based) to animate. Costs 10 credits per second of that slide; check the estimate with the slide-animations list first.',
    min: 0,
    required: true,
  },
  {
    path: 'lip_sync',
    type: 'boolean',
    label: 'Lip Sync',
    description: "Whether the animation lip-syncs to that slide's narration audio (default true).",
    default: true,
  },
]);

// ---- Uploads --------------------------------------------------------------------------------------------------------

export const UPLOAD_PROFILES = deepFreeze(['background', 'ranking'] as const);

export type UploadProfile = (typeof UPLOAD_PROFILES)[number];

/** POST /api/v1/story/reference-images: one jpg/png/webp file up to 3 MB. */
export const REFERENCE_IMAGE_FILE: UploadFileKind = deepFreeze({
  what: 'reference image',
  extensions: ['jpg', 'jpeg', 'png', 'webp'],
  mimeTypes: ['image/jpeg', 'image/jpg', 'image/png', 'image/webp'],
  maxBytes: 3 * 1024 * 1024,
});

/** POST /api/v1/library/videos: one MP4/MOV/WebM/M4V clip up to 200 MB (Studio also probes it: >= 500 px, >= 10 s). */
export const LIBRARY_VIDEO_FILE: UploadFileKind = deepFreeze({
  what: 'library video',
  extensions: ['mp4', 'mov', 'webm', 'm4v'],
  mimeTypes: ['video/mp4', 'video/quicktime', 'video/webm', 'video/x-m4v'],
  maxBytes: 200 * 1024 * 1024,
});

/** POST /api/v1/story/reference-images without a file: a direct https link to the image. */
export const REFERENCE_IMAGE_URL_FIELDS: readonly HelperFieldSpec[] = deepFreeze([
  {
    path: 'source_url',
    type: 'string',
    label: 'Source URL',
    description: 'A direct https:// link to a jpg, png or webp image (instead of uploading a file).',
    format: 'httpsUrl',
    required: true,
  },
]);

/**
 * POST /api/v1/story/reference-images, either way (a multipart field beside the file, or a JSON key beside
 * source_url): the name the saved-images list shows for it.
 */
export const REFERENCE_IMAGE_FIELDS: readonly HelperFieldSpec[] = deepFreeze([
  {
    path: 'name',
    type: 'string',
    label: 'Name',
    description: 'A name to find the image by later: the list of saved reference images shows it.',
  },
]);

/** Where an uploaded or imported Library clip goes (multipart fields or JSON keys). */
export const LIBRARY_TARGET_FIELDS: readonly HelperFieldSpec[] = deepFreeze([
  { path: 'name', type: 'string', label: 'Name', description: 'A name for the clip in your Library.' },
  {
    path: 'folder_id',
    type: 'integer',
    label: 'Folder',
    description: 'ID of one of your Library folders to add the clip to.',
    source: 'libraryFolders',
  },
  {
    path: 'upload_profile',
    type: 'enum',
    label: 'Upload Profile',
    description: 'What the clip is for: background (background clips) or ranking (clips to rank).',
    options: UPLOAD_PROFILES,
  },
]);

/** POST /api/v1/library/video-urls. */
export const LIBRARY_VIDEO_URL_FIELDS: readonly HelperFieldSpec[] = deepFreeze([
  {
    path: 'url',
    type: 'string',
    label: 'Video URL',
    description:
      'A direct https:// link to an .mp4, .mov, .webm or .m4v file (social posts and web pages are not supported).',
    format: 'videoUrl',
    required: true,
  },
  ...LIBRARY_TARGET_FIELDS,
]);

// ---- Library coverage and voice favourites --------------------------------------------------------------------------

/** Templates whose create body takes `background.folder_id` (all but Story). */
const FOLDER_TEMPLATES: readonly TemplateId[] = TEMPLATE_IDS.filter((t) =>
  TEMPLATES[t].fields.some((f) => f.path === 'background.folder_id'),
);

/** POST /api/v1/library/folders/coverage. */
export const COVERAGE_FIELDS: readonly HelperFieldSpec[] = deepFreeze([
  {
    path: 'template',
    type: 'enum',
    label: 'Template',
    description: 'The template whose background needs to be covered (templates with background folders only).',
    options: FOLDER_TEMPLATES,
    required: true,
  },
  {
    path: 'folder_id',
    type: 'integer',
    label: 'Folder',
    description: 'ID of the Library folder to check.',
    source: 'libraryFolders',
  },
  {
    path: 'required_count',
    type: 'integer',
    label: 'Required Count',
    description: 'How many eligible clips the video needs.',
    min: 0,
  },
  {
    path: 'required_total_duration_seconds',
    type: 'number',
    label: 'Required Total Duration (Seconds)',
    description: 'How many seconds of eligible footage the video needs.',
    min: 0,
  },
  {
    path: 'ranking_category_preset',
    type: 'enum',
    label: 'Ranking Category Preset',
    description: 'For Ranking: the category preset whose fallback clip pool counts too.',
    options: RANKING.fields.find((f) => f.path === 'ranking.category_preset')?.options ?? [],
    usedOnlyWhen: { path: 'template', equals: ['ranking'] },
  },
]);

/** POST /api/v1/voice-actors/{id}/favorite: globally, or for one narrated template. */
export const FAVORITE_FIELDS: readonly HelperFieldSpec[] = deepFreeze([
  {
    path: 'favorite',
    type: 'boolean',
    label: 'Favorite',
    description: 'True to mark the voice as a favourite, false to unmark it.',
    required: true,
  },
  {
    path: 'template',
    type: 'enum',
    label: 'Template',
    description: 'Favourite it for this narrated template only; leave empty for every template.',
    options: TEMPLATE_IDS.filter((t) => TEMPLATES[t].narrated),
  },
]);

// ---- List script editing --------------------------------------------------------------------------------------------

export const LIST_SCRIPT_LINE_TYPES = deepFreeze(['item', 'cta'] as const);

export type ListScriptLineType = (typeof LIST_SCRIPT_LINE_TYPES)[number];

/** One line of `script.lines` in a PUT/PATCH of /api/v1/list/videos/{video_id}/script, in script order. */
export const LIST_SCRIPT_LINE_FIELDS: readonly HelperFieldSpec[] = deepFreeze([
  {
    path: 'id',
    type: 'integer',
    label: 'Line ID',
    description: 'The ID of an existing line, to keep its identity when moving or editing it; omit for a new line.',
  },
  {
    path: 'type',
    type: 'enum',
    label: 'Type',
    description: 'item for a list item, cta for a call-to-action line.',
    options: LIST_SCRIPT_LINE_TYPES,
    default: 'item',
  },
  { path: 'text', type: 'string', label: 'Text', description: 'What the narrator says.', min: 1, required: true },
]);

/** The `script` object of a List script write; PUT sends every line, PATCH only what changes. */
export const LIST_SCRIPT_FIELDS: readonly HelperFieldSpec[] = deepFreeze([
  { path: 'intro', type: 'string', label: 'Intro', description: 'The opening line, before the first item.' },
  {
    path: 'lines',
    type: 'object[]',
    label: 'Lines',
    description: 'Every line in order (moving, deleting or editing lines is sending the new list).',
    items: LIST_SCRIPT_LINE_FIELDS,
  },
  {
    path: 'emoji_suggestions',
    type: 'string[]',
    label: 'Emoji Suggestions',
    description: 'Emojis the captions may use.',
  },
]);

/** Top-level keys of every List script write (PUT, PATCH, and CTA apply). */
export const LIST_SCRIPT_WRITE_FIELDS: readonly HelperFieldSpec[] = deepFreeze([
  {
    path: 'expected_updated_at',
    type: 'string',
    label: 'Script Updated At',
    description:
      "The script's updated_at from when you read it: the write fails with script_version_conflict if it changed since.",
  },
  {
    path: 'reset_audio',
    type: 'boolean',
    label: 'Reset Audio',
    description: 'Needed once narration is attached: the edit discards it and narration is generated again.',
  },
]);

export const LIST_CTA_MODES = deepFreeze(['suggest', 'apply'] as const);

export type ListCtaMode = (typeof LIST_CTA_MODES)[number];

export const LIST_CTA_PLACEMENTS = deepFreeze(['end', 'start', 'middle'] as const);

export type ListCtaPlacement = (typeof LIST_CTA_PLACEMENTS)[number];

/**
 * POST /api/v1/list/videos/{video_id}/script/ctas. The reference names `mode`, placement controls and a
 * replace-existing option; `apply` also takes LIST_SCRIPT_WRITE_FIELDS.
 */
export const LIST_CTA_FIELDS: readonly HelperFieldSpec[] = deepFreeze([
  {
    path: 'mode',
    type: 'enum',
    label: 'Mode',
    description: 'suggest returns CTA lines without saving them; apply adds them to the script.',
    options: LIST_CTA_MODES,
    required: true,
  },
  {
    path: 'placement',
    type: 'enum',
    label: 'Placement',
    description: 'Where applied CTA lines go: end, start or middle of the script.',
    options: LIST_CTA_PLACEMENTS,
    default: 'end',
  },
  {
    path: 'replace_existing',
    type: 'boolean',
    label: 'Replace Existing',
    description: 'Whether new CTA lines replace the ones the script already has.',
  },
]);
