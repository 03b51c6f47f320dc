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

export const CONFESSION: TemplateSpec = {
  id: 'confession',
  label: 'Confession',
  description: 'A narrated first-person confession over background clips.',
  narrated: true,
  fields: [
    promptField('What the confession is about, at least 6 characters. If omitted, Studio picks a topic.'),
    NAME,
    PREVIEW_ONLY,
    topicPresetField(
      [
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
      ],
      'confession',
    ),
    ...VOICE_DELIVERY_FIELDS,
    backgroundFolderField('approved shared ASMR clips'),
    ...MUSIC_FIELDS,
    ...WEBHOOK_FIELDS,
  ],
};
