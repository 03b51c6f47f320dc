/**
 * The rule engine every validator runs: a body against a list of field rules (template FieldSpecs or helper-endpoint
 * HelperFieldSpecs), with conditions judged on the sent value or the documented default, ranges that change under a
 * condition, arrays of typed items or objects, and one-of groups.
 */
import type { Condition, HelperFieldSpec } from '../catalogue/types';
import { getPath } from '../paths';
import { formatProblem } from './formats';

/**
 * `rule` is a short machine code: type, required, min, max, minLength, maxLength, enum, onlyWhen, requiredWhen, oneOf,
 * format; for warnings usedOnlyWhen, usual, unknownForTemplate, longPrompt, undocumented. `path` is the dot path of the offending value ('' for
 * the whole body).
 */
export interface Violation {
  path: string;
  rule: string;
  message: string;
  /** The documented key the path is probably a typo of (rule `undocumented`), for a face to word itself. */
  suggestion?: string;
}

/** What validation reads of a field: template FieldSpecs and helper-endpoint HelperFieldSpecs both are Rules. */
export type Rule = Pick<
  HelperFieldSpec,
  | 'path'
  | 'type'
  | 'options'
  | 'min'
  | 'max'
  | 'format'
  | 'required'
  | 'onlyWhen'
  | 'usedOnlyWhen'
  | 'usual'
  | 'requiredWhen'
  | 'rangeWhen'
  | 'itemOneOf'
  | 'aliases'
> & { items?: readonly Rule[] };

/** Conditions are judged on what the API will use: the sent value, else the field's documented default. */
export interface Context {
  body: Record<string, unknown>;
  defaults: ReadonlyMap<string, unknown>;
  /** Where warnings go (values the API accepts but ignores); left out, they are not collected. */
  warnings?: Violation[];
  /** The API is a local dev host, which the reference lets call back over loopback. */
  devHost?: boolean;
}

export const NO_DEFAULTS: ReadonlyMap<string, unknown> = new Map();

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' || typeof value === 'undefined' ? `an ${typeof value}` : `a ${typeof value}`;
}

/** null counts as "not sent": the reference's own examples send null for unset options. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function isPresent(value: unknown): boolean {
  return isSet(value) && value !== '';
}

function holds(condition: Condition, ctx: Context): boolean {
  const sent = getPath(ctx.body, condition.path);
  if (condition.present !== undefined && isPresent(sent) !== condition.present) return false;
  if (condition.equals !== undefined) {
    const value = isSet(sent) ? sent : ctx.defaults.get(condition.path);
    if (!condition.equals.some((allowed) => allowed === value)) return false;
  }
  return true;
}

function describeCondition(condition: Condition): string {
  if (condition.present !== undefined) return `${condition.path} is ${condition.present ? 'set' : 'not set'}`;
  return `${condition.path} is ${(condition.equals ?? []).map(String).join(' or ')}`;
}

function isTrueFlag(condition: Condition): boolean {
  return condition.equals?.length === 1 && condition.equals[0] === true;
}

/** Characters as the API counts them (code points), so an emoji is one character, not two UTF-16 units. */
function charCount(text: string): number {
  let count = text.length;
  for (let i = 1; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const previous = text.charCodeAt(i - 1);
    if (unit >= 0xdc00 && unit <= 0xdfff && previous >= 0xd800 && previous <= 0xdbff) count--;
  }
  return count;
}

export function list(values: readonly string[]): string {
  return values.join(', ');
}

function checkRange(out: Violation[], rule: Rule, value: number, path: string, ctx: Context): void {
  const alt = rule.rangeWhen;
  const altActive = alt !== undefined && holds(alt.when, ctx);
  const min = altActive ? (alt.min ?? rule.min) : rule.min;
  const max = altActive ? (alt.max ?? rule.max) : rule.max;
  const below = min !== undefined && value < min;
  if (!below && (max === undefined || value <= max)) return;
  let bound: string;
  if (min !== undefined && max !== undefined) bound = `between ${min} and ${max}`;
  else if (min !== undefined) bound = `at least ${min}`;
  else bound = `at most ${max}`;
  let note = '';
  if (alt !== undefined) {
    const when = isTrueFlag(alt.when) ? `with ${alt.when.path}` : `when ${describeCondition(alt.when)}`;
    note = altActive ? ` (${when})` : ` (${alt.min ?? rule.min}..${alt.max ?? rule.max} ${when})`;
  }
  out.push({ path, rule: below ? 'min' : 'max', message: `${path} must be ${bound}${note}` });
}

function checkFormat(out: Violation[], format: Rule['format'], value: string, path: string, devHost = false): void {
  const problem = format === undefined ? undefined : formatProblem(format, value, { devHost });
  if (problem !== undefined) out.push({ path, rule: 'format', message: `${path} ${problem}` });
}

function checkString(out: Violation[], rule: Rule, value: string, path: string, ctx: Context): void {
  const chars = charCount(value);
  if (rule.min !== undefined && chars < rule.min) {
    out.push({ path, rule: 'minLength', message: `${path} must be at least ${rule.min} characters` });
  } else if (rule.max !== undefined && chars > rule.max) {
    out.push({ path, rule: 'maxLength', message: `${path} must be at most ${rule.max} characters` });
  }
  checkFormat(out, rule.format, value, path, ctx.devHost);
}

export function checkEnum(out: Violation[], options: readonly string[], value: unknown, path: string): void {
  if (typeof value === 'string' && options.includes(value)) return;
  const got = typeof value === 'string' ? JSON.stringify(value) : typeName(value);
  out.push({
    path,
    rule: typeof value === 'string' ? 'enum' : 'type',
    message: `${path} must be one of: ${list(options)} (got ${got})`,
  });
}

/** Strings are never echoed here: a wrongly typed value may be a secret. */
export function typeViolation(path: string, expected: string, value: unknown): Violation {
  return { path, rule: 'type', message: `${path} must be ${expected}, not ${typeName(value)}` };
}

function checkValue(out: Violation[], rule: Rule, value: unknown, path: string, ctx: Context): void {
  switch (rule.type) {
    case 'string':
      if (typeof value !== 'string') out.push(typeViolation(path, 'a string', value));
      else checkString(out, rule, value, path, ctx);
      return;
    case 'integer':
    case 'number':
      if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        (rule.type === 'integer' && !Number.isInteger(value))
      ) {
        out.push(typeViolation(path, rule.type === 'integer' ? 'an integer' : 'a number', value));
      } else {
        checkRange(out, rule, value, path, ctx);
        if (rule.usual && (value < rule.usual.min || value > rule.usual.max)) {
          const message = `${path} is ${value}, outside the usual ${rule.usual.min} to ${rule.usual.max}; check it is the value you meant`;
          ctx.warnings?.push({ path, rule: 'usual', message });
        }
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(typeViolation(path, 'true or false', value));
      return;
    case 'enum':
      checkEnum(out, rule.options ?? [], value, path);
      return;
    case 'string[]':
    case 'integer[]':
    case 'object[]':
      checkArray(out, rule, value, path);
      return;
  }
}

function checkArray(out: Violation[], rule: Rule, value: unknown, path: string): void {
  const itemType = rule.type === 'string[]' ? 'strings' : rule.type === 'integer[]' ? 'integers' : 'objects';
  if (!Array.isArray(value)) {
    out.push(typeViolation(path, `an array of ${itemType}`, value));
    return;
  }
  if (rule.min !== undefined && value.length < rule.min) {
    out.push({ path, rule: 'min', message: `${path} must have at least ${rule.min} items` });
  } else if (rule.max !== undefined && value.length > rule.max) {
    out.push({ path, rule: 'max', message: `${path} must have at most ${rule.max} items` });
  }
  value.forEach((item: unknown, index) => {
    const itemPath = `${path}[${index}]`;
    if (rule.type === 'string[]') {
      if (typeof item !== 'string') out.push(typeViolation(itemPath, 'a string', item));
      else if (rule.options !== undefined) checkEnum(out, rule.options, item, itemPath);
      else checkFormat(out, rule.format, item, itemPath);
    } else if (rule.type === 'integer[]') {
      if (!Number.isInteger(item)) out.push(typeViolation(itemPath, 'an integer', item));
    } else if (!isRecord(item)) {
      out.push(typeViolation(itemPath, 'an object', item));
    } else {
      checkRules(out, rule.items ?? [], { body: item, defaults: NO_DEFAULTS }, itemPath);
      if (rule.itemOneOf !== undefined) checkOneOf(out, rule.itemOneOf, item, itemPath);
    }
  });
}

/** Exactly one group must be complete, and no key of another group may be sent alongside it. */
function checkOneOf(
  out: Violation[],
  groups: readonly (readonly string[])[],
  item: Record<string, unknown>,
  path: string,
): void {
  const keys = [...new Set(groups.flat())];
  const sent = keys.filter((key) => isSet(item[key]));
  if (groups.some((group) => group.length === sent.length && group.every((key) => sent.includes(key)))) return;
  const shapes = groups.map((group) => `{${list(group)}}`).join(' or ');
  out.push({
    path,
    rule: 'oneOf',
    message: `${path} must have exactly one of ${shapes} (it has ${sent.length > 0 ? `{${list(sent)}}` : 'none'})`,
  });
}

export function checkRules(out: Violation[], rules: readonly Rule[], ctx: Context, prefix = ''): void {
  for (const rule of rules) {
    const path = prefix === '' ? rule.path : `${prefix}.${rule.path}`;
    const value = getPath(ctx.body, rule.path);
    for (const alias of rule.aliases ?? []) {
      const aliased = getPath(ctx.body, alias);
      if (isSet(aliased)) checkValue(out, rule, aliased, prefix === '' ? alias : `${prefix}.${alias}`, ctx);
    }
    if (!isPresent(value)) {
      if (rule.required === true) {
        out.push({ path, rule: 'required', message: `${path} is required` });
      } else if (rule.requiredWhen !== undefined && holds(rule.requiredWhen, ctx)) {
        out.push({
          path,
          rule: 'requiredWhen',
          message: `${path} is required when ${describeCondition(rule.requiredWhen)}`,
        });
      }
    }
    if (!isSet(value)) continue;
    checkValue(out, rule, value, path, ctx);
    if (rule.onlyWhen !== undefined && !holds(rule.onlyWhen, ctx)) {
      out.push({ path, rule: 'onlyWhen', message: `${path} is only valid when ${describeCondition(rule.onlyWhen)}` });
    }
    if (rule.usedOnlyWhen !== undefined && !holds(rule.usedOnlyWhen, ctx)) {
      const message = `${path} is ignored: it is only used when ${describeCondition(rule.usedOnlyWhen)}`;
      ctx.warnings?.push({ path, rule: 'usedOnlyWhen', message });
    }
  }
}

export function checkBody(out: Violation[], rules: readonly Rule[], body: unknown, what: string): void {
  if (!isRecord(body)) {
    out.push({ path: '', rule: 'type', message: `the ${what} must be a JSON object, not ${typeName(body)}` });
    return;
  }
  checkRules(out, rules, { body, defaults: NO_DEFAULTS });
}

export function ctxOf(body: Record<string, unknown>): Context {
  return { body, defaults: NO_DEFAULTS };
}

/** Any body against a list of helper fields (e.g. one List script line against LIST_SCRIPT_LINE_FIELDS). */
export function validateFields(fields: readonly HelperFieldSpec[], body: unknown, what = 'request body'): Violation[] {
  const out: Violation[] = [];
  checkBody(out, fields, body, what);
  return out;
}
