import { CONFESSION } from './confession';
import { DIDYOUKNOW } from './didyouknow';
import { DMSTORY } from './dmstory';
import { deepFreeze } from './freeze';
import { LIST } from './list';
import { RANKING } from './ranking';
import { RANTS } from './rants';
import { STORY } from './story';
import type { TemplateId, TemplateSpec } from './types';

/** In the reference's order, which faces keep for their template pickers. */
export const TEMPLATE_IDS: readonly TemplateId[] = Object.freeze([
  'story',
  'dmstory',
  'confession',
  'didyouknow',
  'rants',
  'ranking',
  'list',
]);

export const TEMPLATES: Readonly<Record<TemplateId, TemplateSpec>> = deepFreeze({
  story: STORY,
  dmstory: DMSTORY,
  confession: CONFESSION,
  didyouknow: DIDYOUKNOW,
  rants: RANTS,
  ranking: RANKING,
  list: LIST,
});

export function isTemplateId(x: unknown): x is TemplateId {
  return typeof x === 'string' && (TEMPLATE_IDS as readonly string[]).includes(x);
}

export function getTemplate(id: string): TemplateSpec {
  if (!isTemplateId(id)) {
    throw new Error(`Unknown template ${JSON.stringify(id)}: expected one of ${TEMPLATE_IDS.join(', ')}`);
  }
  return TEMPLATES[id];
}
