/** DM Story, Confession, Did You Know and Rants: prompt, topic preset, voice delivery, background folder, music. */
import { boolean, enumRule, integer, type Rule } from './rule';
import { BACKGROUND_FOLDER, MUSIC_VOLUME, PREVIEW_ONLY, PROMPT_MIN_6, VOICE_DELIVERY } from './shared';

function topicPreset(values: readonly string[]): Rule {
  return enumRule('script.topic_preset', `script.topic_preset (optional) — one of: ${values.join(', ')}`, values);
}

const COMMON: readonly Rule[] = [PROMPT_MIN_6, PREVIEW_ONLY, ...VOICE_DELIVERY, BACKGROUND_FOLDER, MUSIC_VOLUME];

export const DMSTORY_RULES: readonly Rule[] = [
  ...COMMON,
  topicPreset([
    'accidental_text',
    'caught_in_a_lie',
    'best_friend_drama',
    'group_chat_exposed',
    'boss_text',
    'mysterious_number',
    'receipt_drop',
    'family_drama',
    'roommate_drama',
    'petty_argument',
  ]),
];

export const CONFESSION_RULES: readonly Rule[] = [
  ...COMMON,
  topicPreset([
    'embarrassing',
    'school',
    'friend_drama',
    'relationship',
    'family',
    'work',
    'money',
    'petty',
    'secret',
    'mistake',
  ]),
];

const EXIT =
  'background.exit_enabled (boolean), background.exit_video_id (integer), and optional background.folder_id (integer)';

export const DIDYOUKNOW_RULES: readonly Rule[] = [
  ...COMMON,
  topicPreset(['animals', 'food', 'space', 'history', 'science', 'everyday']),
  { path: 'background.exit_enabled', reference: EXIT, check: boolean() },
  { path: 'background.exit_video_id', reference: EXIT, check: integer() },
];

export const RANTS_RULES: readonly Rule[] = [
  ...COMMON,
  topicPreset([
    'wholesome',
    'school',
    'friend_drama',
    'relationship',
    'fake_friend',
    'petty_revenge',
    'rich_kid',
    'glow_up',
    'scammer',
    'strict_parents',
  ]),
];
