import {
  MUSIC_FIELDS,
  NAME,
  PREVIEW_ONLY,
  VOICE_DELIVERY_FIELDS,
  WEBHOOK_FIELDS,
  backgroundFolderField,
  promptField,
  topicPresetField,
} from './common';
import type { TemplateSpec } from './types';

export const DMSTORY: TemplateSpec = {
  id: 'dmstory',
  label: 'DM Story',
  description: 'A story told as a voiced text-message (DM) conversation between two people over background clips.',
  narrated: true,
  fields: [
    promptField('What the chat is about, at least 6 characters. If omitted, Studio picks a topic.'),
    NAME,
    PREVIEW_ONLY,
    topicPresetField(
      [
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
      ],
      'DM conversation',
    ),
    ...VOICE_DELIVERY_FIELDS,
    backgroundFolderField('approved shared ASMR clips'),
    ...MUSIC_FIELDS,
    ...WEBHOOK_FIELDS,
  ],
};
