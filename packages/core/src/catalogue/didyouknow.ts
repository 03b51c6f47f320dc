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

export const DIDYOUKNOW: TemplateSpec = {
  id: 'didyouknow',
  label: 'Did You Know',
  description: 'Narrated "did you know" facts over background clips.',
  narrated: true,
  fields: [
    promptField('What the facts are about, at least 6 characters. If omitted, Studio picks a topic.'),
    NAME,
    PREVIEW_ONLY,
    topicPresetField(['animals', 'food', 'space', 'history', 'science', 'everyday'], 'facts'),
    {
      path: 'background.exit_enabled',
      type: 'boolean',
      label: 'Exit Clip Enabled',
      description: 'Whether the video ends on an exit clip (pick which one with Exit Clip Video ID).',
      advanced: true,
    },
    {
      path: 'background.exit_video_id',
      type: 'integer',
      label: 'Exit Clip Video ID',
      description: 'ID of the video to use as the exit clip when Exit Clip Enabled is on.',
      advanced: true,
    },
    backgroundFolderField('approved shared ASMR clips'),
    ...VOICE_DELIVERY_FIELDS,
    ...MUSIC_FIELDS,
    ...WEBHOOK_FIELDS,
  ],
};
