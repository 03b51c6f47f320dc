/** Which rules a create body (or a quoted/readiness request) for each template is checked against. */
import { LIST_RULES } from './list';
import { CONFESSION_RULES, DIDYOUKNOW_RULES, DMSTORY_RULES, RANTS_RULES } from './narrated';
import { RANKING_RULES } from './ranking';
import { checkRules, type Body, type Rule, type RuleContext, type Violation } from './rule';
import { STORY_RULES } from './story';
import type { TemplateId } from './templates';
import { WEBHOOK_RULES } from './webhook';

export const CREATE_RULES: Readonly<Record<TemplateId, readonly Rule[]>> = {
  story: [...STORY_RULES, ...WEBHOOK_RULES],
  dmstory: [...DMSTORY_RULES, ...WEBHOOK_RULES],
  confession: [...CONFESSION_RULES, ...WEBHOOK_RULES],
  didyouknow: [...DIDYOUKNOW_RULES, ...WEBHOOK_RULES],
  rants: [...RANTS_RULES, ...WEBHOOK_RULES],
  ranking: [...RANKING_RULES, ...WEBHOOK_RULES],
  list: [...LIST_RULES, ...WEBHOOK_RULES],
};

export function checkCreate(template: TemplateId, body: Body, ctx: RuleContext, prefix = ''): Violation[] {
  return checkRules(CREATE_RULES[template], body, ctx, prefix);
}
