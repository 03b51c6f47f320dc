/** Ranking create-body rules. Ranking is not narrated: no voice or music rules apply to it. */
import { enumRule, type Rule } from './rule';
import { BACKGROUND_FOLDER, PREVIEW_ONLY, PROMPT_MIN_6 } from './shared';

export const RANKING_CATEGORY_PRESETS = [
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
] as const;

export const RANKING_CATEGORY: Rule = enumRule(
  'ranking.category_preset',
  `ranking.category_preset (optional) — one of: ${RANKING_CATEGORY_PRESETS.join(', ')}`,
  RANKING_CATEGORY_PRESETS,
);

export const RANKING_RULES: readonly Rule[] = [PROMPT_MIN_6, PREVIEW_ONLY, RANKING_CATEGORY, BACKGROUND_FOLDER];
