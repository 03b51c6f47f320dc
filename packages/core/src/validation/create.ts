/**
 * Create bodies (per template, from the catalogue) and signed/API-key trigger bodies (`video_type` + a create body):
 * every problem in field order, plus another template's options sent to this one.
 */
import { TEMPLATE_IDS, getTemplate, isTemplateId } from '../catalogue';
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
function checkForeign(out: Violation[], template: TemplateId, plan: TemplatePlan, body: Record<string, unknown>): void {
  const reported: string[] = [];
  for (const { path, owners } of plan.foreignLeaves) {
    if (!isSet(getPath(body, path))) continue;
    reported.push(path);
    const message = `${path} is not a ${template} option (it belongs to ${list(owners)})`;
    out.push({ path, rule: 'unknownForTemplate', message });
  }
  for (const { path, owners } of plan.foreignGroups) {
    const covered = reported.some((done) => done.startsWith(`${path}.`) || path.startsWith(`${done}.`));
    if (covered || !isSet(getPath(body, path))) continue;
    reported.push(path);
    const message = `${path} is not used by ${template} (only by ${list(owners)})`;
    out.push({ path, rule: 'unknownForTemplate', message });
  }
}

/** Every problem with a create body for `template`, in field order; an empty list means it is valid. */
export function validateCreateRequest(template: TemplateId, body: unknown): Violation[] {
  const out: Violation[] = [];
  if (!isRecord(body)) {
    out.push({
      path: '',
      rule: 'type',
      message: `the ${template} request body must be a JSON object, not ${typeName(body)}`,
    });
    return out;
  }
  const plan = planFor(template);
  for (const group of plan.groups) {
    const value = getPath(body, group);
    if (isSet(value) && !isRecord(value)) out.push(typeViolation(group, 'an object', value));
  }
  checkRules(out, plan.fields, { body, defaults: plan.defaults });
  checkForeign(out, template, plan, body);
  return out;
}

/** A body for POST /api/v1/triggers/*: `video_type` picks the template; the rest is that template's create body. */
export function validateTriggerRequest(body: unknown): Violation[] {
  const out: Violation[] = [];
  if (!isRecord(body)) {
    out.push({
      path: '',
      rule: 'type',
      message: `the trigger request body must be a JSON object, not ${typeName(body)}`,
    });
    return out;
  }
  const videoType = body.video_type;
  if (!isPresent(videoType)) {
    out.push({ path: 'video_type', rule: 'required', message: `video_type is required: one of ${list(TEMPLATE_IDS)}` });
  } else {
    checkEnum(out, TEMPLATE_IDS, videoType, 'video_type');
  }
  const key = body.idempotency_key;
  if (isSet(key) && (typeof key !== 'string' || key === '')) {
    out.push(typeViolation('idempotency_key', 'a non-empty string', key));
  }
  if (isTemplateId(videoType)) out.push(...validateCreateRequest(videoType, body));
  return out;
}
