/** The video types (templates) the API serves in v001. */
import type { Stated } from './rule';

export const TEMPLATE_IDS = ['story', 'dmstory', 'confession', 'didyouknow', 'rants', 'ranking', 'list'] as const;

export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const VIDEO_TYPES: Stated<readonly TemplateId[]> = {
  value: TEMPLATE_IDS,
  reference: 'video_type — one of: story, dmstory, confession, didyouknow, rants, ranking, list',
};

export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && (TEMPLATE_IDS as readonly string[]).includes(value);
}
