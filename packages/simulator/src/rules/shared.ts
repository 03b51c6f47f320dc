/** Create-body rules several templates share: preview_only, voice delivery, background folders, music volume. */
import { boolean, integer, number, text, type Rule } from './rule';

export const PREVIEW_ONLY: Rule = { path: 'preview_only', reference: 'preview_only (boolean)', check: boolean() };

/** Templates whose prompt is "min 6 chars if provided" and nothing more (no maximum is stated for them). */
export const PROMPT_MIN_6: Rule = {
  path: 'prompt',
  reference: 'prompt (min 6 chars if provided)',
  check: text({ min: 6 }),
};

/** DM Story, Confession, Did You Know and Rants. */
export const VOICE_DELIVERY: readonly Rule[] = [
  {
    path: 'voice.speed_percentage',
    reference: 'voice.speed_percentage (80–200) and voice.remove_silences (boolean)',
    check: number({ min: 80, max: 200 }),
  },
  {
    path: 'voice.remove_silences',
    reference: 'voice.speed_percentage (80–200) and voice.remove_silences (boolean)',
    check: boolean(),
  },
];

/** Every template but Story; whether the folder is the caller's is checked at create (invalid_background_folder_id). */
export const BACKGROUND_FOLDER: Rule = {
  path: 'background.folder_id',
  reference: 'background.folder_id (integer, optional)',
  check: integer(),
};

/**
 * Narrated templates. The reference gives music.volume_percent only a default of 20, so only "a number" follows
 * from it; no range is enforced. music.enabled, music_id/id and category carry no stated type and pass as sent.
 */
export const MUSIC_VOLUME: Rule = {
  path: 'music.volume_percent',
  reference: 'optional volume_percent (default 20)',
  check: number(),
};
