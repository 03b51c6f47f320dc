import { MUSIC_FIELDS, NAME, PREVIEW_ONLY, WEBHOOK_FIELDS, backgroundFolderField, promptField } from './common';
import type { TemplateSpec } from './types';

export const LIST: TemplateSpec = {
  id: 'list',
  label: 'List',
  description: 'A narrated list (facts, tips, jokes, trivia...) with one background clip per item.',
  narrated: true,
  fields: [
    promptField('Topic of the list, at least 2 characters. If omitted, Studio picks a topic.', 2),
    NAME,
    PREVIEW_ONLY,
    {
      path: 'script.item_count',
      type: 'integer',
      label: 'Item Count',
      description: 'How many items the list has, from 1 to 15.',
      min: 1,
      max: 15,
    },
    {
      path: 'script.category',
      type: 'string',
      label: 'Category',
      description: 'Kind of list, for example facts, tips, jokes, trivia or myths.',
    },
    {
      path: 'script.subcategory',
      type: 'string',
      label: 'Subcategory',
      description: 'Narrower kind of list within the category. Only valid when a category is set.',
      onlyWhen: { path: 'script.category', present: true },
      advanced: true,
    },
    {
      path: 'script.include_ai_ctas',
      type: 'boolean',
      label: 'Include AI CTAs',
      description:
        'Whether the script may include AI-written call-to-action lines (default true). Set false to turn them off.',
      default: true,
      advanced: true,
    },
    {
      path: 'voice.voice_actor_id',
      type: 'integer',
      label: 'Voice Actor',
      description:
        'ID of the narrating voice (list them with the voice-actors helper). If omitted, Studio tries your favourite voices, then voice 233.',
      default: 233,
      source: 'voiceActors',
      advanced: true,
    },
    backgroundFolderField('approved shared ASMR clips'),
    ...MUSIC_FIELDS,
    ...WEBHOOK_FIELDS,
  ],
};
