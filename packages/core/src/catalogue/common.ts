/**
 * Field groups shared by several templates. Templates compose these instead of repeating them, so a shared option is
 * described (and validated) the same way everywhere.
 */
import type { FieldSpec } from './types';

/**
 * The reference states "6 to 1000 chars" for Story only and "min 6 chars if provided" (List: min 2) for the others,
 * so only Story has a maximum; a very long prompt elsewhere draws a warning (LONG_PROMPT_CHARS), not a refusal.
 */
export function promptField(description: string, minLength = 6, maxLength?: number): FieldSpec {
  const field: FieldSpec = { path: 'prompt', type: 'string', label: 'Prompt', description, min: minLength };
  return maxLength === undefined ? field : { ...field, max: maxLength };
}

/** Story's documented maximum, used as the point past which another template's prompt is probably a mistake. */
export const LONG_PROMPT_CHARS = 1000;

export const NAME: FieldSpec = {
  path: 'name',
  type: 'string',
  label: 'Name',
  description:
    'Name of the video in your Trending library (max 180 characters). If omitted, the shortest generated social title becomes the name.',
  max: 180,
};

export const PREVIEW_ONLY: FieldSpec = {
  path: 'preview_only',
  type: 'boolean',
  label: 'Preview Only',
  description:
    'If true, the run stops before the final render: status still becomes completed, but render_url stays null until you render it later. A preview does not spend the 30-credit render.',
  default: false,
};

/** For a template's `script.topic_preset`; each template has its own list. */
export function topicPresetField(options: readonly string[], about: string): FieldSpec {
  return {
    path: 'script.topic_preset',
    type: 'enum',
    label: 'Topic Preset',
    description: `Optional preset theme for the ${about}. Leave empty to let the prompt (or Studio) decide.`,
    options,
  };
}

/** Narrated templates (story, dmstory, confession, didyouknow, rants, list). */
export const MUSIC_FIELDS: readonly FieldSpec[] = [
  {
    path: 'music.enabled',
    type: 'boolean',
    label: 'Music Enabled',
    description:
      'Turn background music on. Without a track ID, Studio tries your favourite tracks that match the mood first, then a random accessible track.',
    advanced: true,
  },
  {
    path: 'music.music_id',
    type: 'integer',
    label: 'Music Track ID',
    description: 'ID of a specific music track to use. The API also accepts it as music.id.',
    aliases: ['music.id'],
    advanced: true,
  },
  {
    path: 'music.category',
    type: 'string',
    label: 'Music Mood',
    description: 'Mood used to pick a track when no track ID is set, for example Dramatic.',
    advanced: true,
  },
  {
    path: 'music.volume_percent',
    type: 'integer',
    label: 'Music Volume Percent',
    description: 'Background music volume as a percentage (default 20).',
    usual: { min: 0, max: 100 },
    default: 20,
    advanced: true,
  },
];

/** Narrated templates with a fixed cast (dmstory, confession, didyouknow, rants). */
export const VOICE_DELIVERY_FIELDS: readonly FieldSpec[] = [
  {
    path: 'voice.speed_percentage',
    type: 'integer',
    label: 'Voice Speed Percent',
    description: 'Narration speed as a percentage of normal speed, from 80 (slower) to 200 (twice as fast).',
    min: 80,
    max: 200,
    advanced: true,
  },
  {
    path: 'voice.remove_silences',
    type: 'boolean',
    label: 'Remove Silences',
    description: 'If true, silent gaps are trimmed from the narration for a faster pace.',
    advanced: true,
  },
];

/** Non-Story templates; `fallback` names the pool Studio fills from when the folder runs short. */
export function backgroundFolderField(fallback: string): FieldSpec {
  return {
    path: 'background.folder_id',
    type: 'integer',
    label: 'Background Folder',
    description: `ID of one of your Library folders to take background clips from first; Studio auto-fills from ${fallback} when the folder runs short. The folder must belong to your account.`,
    source: 'libraryFolders',
    advanced: true,
  };
}

/** Outbound webhook for this one video; faces fill these in for instant triggers and "wait via webhook". */
export const WEBHOOK_FIELDS: readonly FieldSpec[] = [
  {
    path: 'webhook.url',
    type: 'string',
    label: 'Webhook URL',
    description:
      'URL that receives a POST when the video completes or fails. Use a public https:// URL on port 443; plain http is accepted only for loopback development hosts (localhost, 127.0.0.1) such as the local simulator. The production API rejects loopback, private-network, .local and .internal hosts.',
    format: 'webhookUrl',
    advanced: true,
  },
  {
    path: 'webhook.secret',
    type: 'string',
    label: 'Webhook Secret',
    description:
      'Shared secret used to sign each delivery (X-Trending-Signature-V1: HMAC-SHA256 of "{timestamp}.{raw body}"). Without it, deliveries are unsigned.',
    advanced: true,
  },
  {
    path: 'webhook.events',
    type: 'string[]',
    label: 'Webhook Events',
    description:
      'Allowlist of event names to deliver; * is a wildcard, e.g. trending.story.v001.* or trending.*.v001.render.*. If omitted, only terminal events (*.completed and *.failed) are delivered.',
    format: 'eventPattern',
    advanced: true,
  },
];
