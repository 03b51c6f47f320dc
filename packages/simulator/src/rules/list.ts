/** List create-body rules. script.category is an open list ("facts, tips, jokes, trivia, myths, and more"). */
import { getPath } from '../paths';
import { boolean, integer, text, type Rule } from './rule';
import { BACKGROUND_FOLDER, MUSIC_VOLUME, PREVIEW_ONLY } from './shared';

const hasCategory = (body: Record<string, unknown>) => {
  const category = getPath(body, 'script.category');
  return category !== undefined && category !== null && category !== '';
};

export const LIST_RULES: readonly Rule[] = [
  { path: 'prompt', reference: 'prompt (min 2 chars if provided)', check: text({ min: 2 }) },
  PREVIEW_ONLY,
  { path: 'script.item_count', reference: 'script.item_count (1–15)', check: integer({ min: 1, max: 15 }) },
  {
    path: 'script.include_ai_ctas',
    reference: 'script.include_ai_ctas (boolean, optional, default true)',
    check: boolean(),
  },
  {
    path: 'script.subcategory',
    reference: 'script.subcategory (optional) — only valid when a category is selected',
    check: (_value, body) => (hasCategory(body) ? undefined : 'is only valid when script.category is selected'),
  },
  {
    path: 'voice.voice_actor_id',
    reference: 'voice.voice_actor_id (integer, optional; fallback default is 233)',
    check: integer(),
  },
  BACKGROUND_FOLDER,
  MUSIC_VOLUME,
];
