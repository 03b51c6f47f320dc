import { NAME, PREVIEW_ONLY, WEBHOOK_FIELDS, backgroundFolderField, promptField } from './common';
import type { TemplateSpec } from './types';

export const RANKING: TemplateSpec = {
  id: 'ranking',
  label: 'Ranking',
  description: 'A ranked countdown of video clips from a chosen category; no narration, so no voice or music options.',
  narrated: false,
  fields: [
    promptField('What to rank, at least 6 characters. If omitted, Studio picks a topic.'),
    NAME,
    PREVIEW_ONLY,
    {
      path: 'ranking.category_preset',
      type: 'enum',
      label: 'Category Preset',
      description: 'Kind of clips to rank; also decides the fallback clip pool when your folder runs short.',
      options: [
        'bodycam',
        'security_camera',
        'cinematic',
        'animals',
        'cartoon_characters',
        'celebrities',
        'vehicles',
        'funny',
        'cursed',
        'absurd',
        'wholesome',
        'epic',
        'chase',
        'transformation',
        'disaster',
        'asmr',
      ],
    },
    backgroundFolderField('approved clips of the chosen category'),
    ...WEBHOOK_FIELDS,
  ],
};
