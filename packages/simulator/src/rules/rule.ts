/**
 * The shape of the simulator's rule table. Every rule quotes the reference text that states it (`reference`, verbatim;
 * a unit test finds each quote in shared/reference/trending-video-api.txt), so a rule the reference does not state
 * cannot creep in. A field no rule names is accepted, whatever it holds.
 */
import { getPath } from '../paths';

export type Body = Record<string, unknown>;

export interface Violation {
  path: string;
  message: string;
}

/** What a check may need beyond the body: runtime settings the reference leaves to the deployment. */
export interface RuleContext {
  /** Hosts that webhook callbacks may reach over http or https on any port ("the configured Studio dev host"). */
  webhookDevHosts: readonly string[];
}

export interface Rule {
  /** Dotted path of the field the rule is about. */
  path: string;
  /** The reference text that decides this rule, copied verbatim. */
  reference: string;
  /** Enumerated values, each of which the reference spells (checked by the same unit test). */
  values?: readonly string[];
  /** The rule applies only when this holds ("only used when ..."); otherwise the field is ignored, never refused. */
  when?: (body: Body) => boolean;
  /** Message when the field is absent (or null) although the rule applies; absent fields pass otherwise. */
  absent?: string;
  /** A message (for `path`) or violations (nested paths) when a present, non-null value breaks the rule. */
  check?: (value: unknown, body: Body, ctx: RuleContext) => string | readonly Violation[] | undefined;
}

/** A value the reference quotes with the text that states it (limits, windows, caps). */
export interface Stated<T> {
  value: T;
  reference: string;
}

/** Every violation of `rules` in `body`, in rule order; paths are prefixed with `prefix` (e.g. `request.`). */
export function checkRules(rules: readonly Rule[], body: Body, ctx: RuleContext, prefix = ''): Violation[] {
  const out: Violation[] = [];
  for (const rule of rules) {
    if (rule.when && !rule.when(body)) continue;
    const value = getPath(body, rule.path);
    if (value === undefined || value === null) {
      if (rule.absent) out.push({ path: prefix + rule.path, message: `${rule.path} ${rule.absent}` });
      continue;
    }
    const result = rule.check?.(value, body, ctx);
    if (typeof result === 'string') out.push({ path: prefix + rule.path, message: `${rule.path} ${result}` });
    else if (result) out.push(...result.map((v) => ({ path: prefix + v.path, message: v.message })));
  }
  return out;
}

/** Characters as a reader counts them (code points, so an emoji is one). */
function length(text: string): number {
  return [...text].length;
}

export function textProblem(value: unknown, min?: number, max?: number): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  const n = length(value);
  if (min !== undefined && n < min) return `must be at least ${min} characters (got ${n})`;
  if (max !== undefined && n > max) return `must be at most ${max} characters (got ${n})`;
  return undefined;
}

export function text(bounds: { min?: number; max?: number } = {}): NonNullable<Rule['check']> {
  return (value) => textProblem(value, bounds.min, bounds.max);
}

function range(what: string, min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `must be ${what} between ${min} and ${max}`;
  if (min !== undefined) return `must be ${what} of at least ${min}`;
  return max !== undefined ? `must be ${what} of at most ${max}` : `must be ${what}`;
}

export function integerIn(value: unknown, min?: number, max?: number): string | undefined {
  const bad = typeof value !== 'number' || !Number.isInteger(value);
  if (bad || (min !== undefined && value < min) || (max !== undefined && value > max)) {
    return range('an integer', min, max);
  }
  return undefined;
}

export function integer(bounds: { min?: number; max?: number } = {}): NonNullable<Rule['check']> {
  return (value) => integerIn(value, bounds.min, bounds.max);
}

export function number(bounds: { min?: number; max?: number } = {}): NonNullable<Rule['check']> {
  return (value) => {
    const bad = typeof value !== 'number' || !Number.isFinite(value);
    if (bad || (bounds.min !== undefined && value < bounds.min) || (bounds.max !== undefined && value > bounds.max)) {
      return range('a number', bounds.min, bounds.max);
    }
    return undefined;
  };
}

export function boolean(): NonNullable<Rule['check']> {
  return (value) => (typeof value === 'boolean' ? undefined : 'must be true or false');
}

export function oneOf(values: readonly string[]): NonNullable<Rule['check']> {
  return (value) =>
    typeof value === 'string' && values.includes(value) ? undefined : `must be one of: ${values.join(', ')}`;
}

/** An enum rule: the values go into `values` too, so the test checks each one is spelled in the reference. */
export function enumRule(path: string, reference: string, values: readonly string[], when?: Rule['when']): Rule {
  return { path, reference, values, check: oneOf(values), ...(when ? { when } : {}) };
}
