/** Voice actors and favourites. */
import type { Stated } from './rule';

export const NARRATED_TEMPLATES: Stated<readonly string[]> = {
  value: ['story', 'dmstory', 'confession', 'didyouknow', 'rants', 'list'],
  reference: 'Voice note for narrated auto-cast templates (story, dmstory, confession, didyouknow, rants, list)',
};
