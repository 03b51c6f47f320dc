/**
 * Create bodies (per template, from the catalogue) and signed/API-key trigger bodies (`video_type` + a create body):
 * every refusal in field order, and apart from them the warnings: what the API accepts but probably is a mistake
 * (another template's option, a field its condition makes unused, a very long prompt, a key no template documents).
 */
import { TEMPLATE_IDS, getTemplate, isTemplateId } from '../catalogue';
import { LONG_PROMPT_CHARS } from '../catalogue/common';
import type { FieldSpec, TemplateId } from '../catalogue/types';
import { getPath } from '../paths';
import {
  checkEnum,
  checkRules,
  isPresent,
  isRecord,
  isSet,
  list,
  typeName,
  typeViolation,
  type Violation,
} from './engine';
import { TRIGGER_TOP_LEVEL_KEYS, warnUndocumented } from './undocumented';

interface Foreign {
  path: string;
  owners: readonly TemplateId[];
}

interface TemplatePlan {
  fields: readonly FieldSpec[];
  defaults: ReadonlyMap<string, unknown>;
  /** The objects this template's fields live in (`script`, `script.outro`). */
  groups: readonly string[];
  /** Paths that other templates take and this one does not. */
  foreignLeaves: readonly Foreign[];
  foreignGroups: readonly Foreign[];
}

function leavesOf(template: TemplateId): Set<string> {
  return new Set(getTemplate(template).fields.flatMap((f) => [f.path, ...(f.aliases ?? [])]));
}

function groupsOf(leaves: Iterable<string>): Set<string> {
  const groups = new Set<string>();
  for (const leaf of leaves) {
    const parts = leaf.split('.');
    for (let i = 1; i < parts.length; i++) groups.add(parts.slice(0, i).join('.'));
  }
  return groups;
}

function foreignPaths(template: TemplateId, pick: (t: TemplateId) => Set<string>, mine: Set<string>): Foreign[] {
  const owners = new Map<string, TemplateId[]>();
  for (const other of TEMPLATE_IDS) {
    if (other === template) continue;
    for (const path of pick(other)) {
      if (mine.has(path)) continue;
      owners.set(path, [...(owners.get(path) ?? []), other]);
    }
  }
  return [...owners].map(([path, by]) => ({ path, owners: by }));
}

function makePlan(template: TemplateId): TemplatePlan {
  const fields = getTemplate(template).fields;
  const leaves = leavesOf(template);
  const groups = groupsOf(leaves);
  const mine = new Set([...leaves, ...groups]);
  return {
    fields,
    defaults: new Map(fields.filter((f) => f.default !== undefined).map((f) => [f.path, f.default])),
    groups: [...groups],
    foreignLeaves: foreignPaths(template, leavesOf, mine),
    foreignGroups: foreignPaths(template, (t) => groupsOf(leavesOf(t)), mine),
  };
}

const PLANS: ReadonlyMap<TemplateId, TemplatePlan> = new Map(TEMPLATE_IDS.map((t) => [t, makePlan(t)]));

/** An id outside the catalogue reaches makePlan, which throws naming the allowed ones. */
function planFor(template: TemplateId): TemplatePlan {
  return PLANS.get(template) ?? makePlan(template);
}

/** Unknown keys pass (the API may grow), but another template's option sent here is almost always a mistake. */
function warnForeign(out: Violation[], template: TemplateId, plan: TemplatePlan, body: Record<string, unknown>): void {
  const reported: string[] = [];
  for (const { path, owners } of plan.foreignLeaves) {
    if (!isSet(getPath(body, path))) continue;
    reported.push(path);
    const message = `${path} is not a ${template} option (it belongs to ${list(owners)}), so ${template} may ignore it`;
    out.push({ path, rule: 'unknownForTemplate', message });
  }
  for (const { path, owners } of plan.foreignGroups) {
    const covered = reported.some((done) => done.startsWith(`${path}.`) || path.startsWith(`${done}.`));
    if (covered || !isSet(getPath(body, path))) continue;
    reported.push(path);
    const message = `${path} is not a ${template} option (only ${list(owners)} use it), so ${template} may ignore it`;
    out.push({ path, rule: 'unknownForTemplate', message });
  }
}

/** Where the API is: a loopback dev API (the simulator) may be handed loopback webhook URLs. */
export interface CreateCheckOptions {
  devHost?: boolean;
  /** Top-level keys the body may carry besides the template's fields (a trigger's video_type, say). */
  alsoKnown?: readonly string[];
}

/** What the API would refuse (`violations`, in field order) and what it accepts but is probably a mistake. */
export interface CreateCheck {
  violations: Violation[];
  warnings: Violation[];
}

function warnLongPrompt(
  out: Violation[],
  template: TemplateId,
  plan: TemplatePlan,
  body: Record<string, unknown>,
): void {
  const prompt = body.prompt;
  const limited = plan.fields.some((f) => f.path === 'prompt' && f.max !== undefined);
  if (limited || typeof prompt !== 'string' || [...prompt].length <= LONG_PROMPT_CHARS) return;
  const message = `prompt is over ${LONG_PROMPT_CHARS} characters; ${template} states no maximum, but Story's is ${LONG_PROMPT_CHARS}, so check it is the text you meant`;
  out.push({ path: 'prompt', rule: 'longPrompt', message });
}

/** A create body for `template`, checked once for refusals and warnings. */
export function checkCreateRequest(template: TemplateId, body: unknown, options: CreateCheckOptions = {}): CreateCheck {
  const violations: Violation[] = [];
  const warnings: Violation[] = [];
  if (!isRecord(body)) {
    violations.push({
      path: '',
      rule: 'type',
      message: `the ${template} request body must be a JSON object, not ${typeName(body)}`,
    });
    return { violations, warnings };
  }
  const plan = planFor(template);
  for (const group of plan.groups) {
    const value = getPath(body, group);
    if (isSet(value) && !isRecord(value)) violations.push(typeViolation(group, 'an object', value));
  }
  checkRules(violations, plan.fields, { body, defaults: plan.defaults, warnings, devHost: options.devHost });
  warnForeign(warnings, template, plan, body);
  warnLongPrompt(warnings, template, plan, body);
  warnUndocumented(warnings, body, options.alsoKnown);
  return { violations, warnings };
}

/** Every refusal of a create body for `template`, in field order; an empty list means the API accepts it. */
export function validateCreateRequest(template: TemplateId, body: unknown, options?: CreateCheckOptions): Violation[] {
  return checkCreateRequest(template, body, options).violations;
}

/** A body for POST /api/v1/triggers/*: `video_type` picks the template; the rest is that template's create body. */
export function checkTriggerRequest(body: unknown, options: CreateCheckOptions = {}): CreateCheck {
  const violations: Violation[] = [];
  if (!isRecord(body)) {
    violations.push({
      path: '',
      rule: 'type',
      message: `the trigger request body must be a JSON object, not ${typeName(body)}`,
    });
    return { violations, warnings: [] };
  }
  const videoType = body.video_type;
  if (!isPresent(videoType)) {
    violations.push({
      path: 'video_type',
      rule: 'required',
      message: `video_type is required: one of ${list(TEMPLATE_IDS)}`,
    });
  } else {
    checkEnum(violations, TEMPLATE_IDS, videoType, 'video_type');
  }
  const key = body.idempotency_key;
  if (isSet(key) && (typeof key !== 'string' || key === '')) {
    violations.push(typeViolation('idempotency_key', 'a non-empty string', key));
  }
  if (!isTemplateId(videoType)) return { violations, warnings: [] };
  const inner = checkCreateRequest(videoType, body, { ...options, alsoKnown: TRIGGER_TOP_LEVEL_KEYS });
  return { violations: [...violations, ...inner.violations], warnings: inner.warnings };
}
