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

export const RANTS: TemplateSpec = {
  id: 'rants',
  label: 'Rants',
  description: 'A narrated first-person rant over background clips.',
  narrated: true,
  fields: [
    promptField('What the rant is about, at least 6 characters. If omitted, Studio picks a topic.'),
    NAME,
    PREVIEW_ONLY,
    topicPresetField(
      [
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
      ],
      'rant',
    ),
    ...VOICE_DELIVERY_FIELDS,
    backgroundFolderField('approved shared ASMR clips'),
    ...MUSIC_FIELDS,
    ...WEBHOOK_FIELDS,
  ],
};
