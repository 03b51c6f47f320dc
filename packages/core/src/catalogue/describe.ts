/**
 * A field's rules in words, once: the n8n node's hints, Zapier's help text, the CLI's --help and docs/fields.md all
 * say the same thing about a field because they all say it through these functions.
 */
import type { Condition, HelperFieldSpec } from './types';

export interface DescribeOptions {
  /** How to name another field in a condition: its path by default; a face may pass its own label lookup. */
  name?: (path: string) => string;
}

const ACRONYMS: Readonly<Record<string, string>> = {
  '3d': '3D',
  ai: 'AI',
  asmr: 'ASMR',
  cta: 'CTA',
  ctas: 'CTAs',
  dm: 'DM',
  id: 'ID',
  url: 'URL',
};

/** A dropdown label for an enum value: `semi_realistic_painterly` -> `Semi Realistic Painterly`, `3d_animated` -> `3D Animated`. */
export function optionLabel(value: string): string {
  return value
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((word) => ACRONYMS[word.toLowerCase()] ?? word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

export function conditionText(condition: Condition, options: DescribeOptions = {}): string {
  const name = (options.name ?? ((path: string) => path))(condition.path);
  if (condition.equals) return `${name} is ${condition.equals.map((v) => String(v)).join(' or ')}`;
  return condition.present === false ? `${name} is not set` : `${name} is set`;
}

function unitOf(field: HelperFieldSpec): string {
  return field.type === 'string' ? ' characters' : field.type.endsWith('[]') ? ' items' : '';
}

function rangeText(min: number | undefined, max: number | undefined, unit: string): string | undefined {
  if (min !== undefined && max !== undefined) return `${min} to ${max}${unit}`;
  if (min !== undefined) return `at least ${min}${unit}`;
  if (max !== undefined) return `at most ${max}${unit}`;
  return undefined;
}

/**
 * Every rule of a field as a short phrase, in a stable order: range, conditional range, choices, default, conditions,
 * item shape. Faces join and format them for their medium. Takes template fields and helper-endpoint fields alike.
 */
export function fieldRules(field: HelperFieldSpec, options: DescribeOptions = {}): string[] {
  const unit = unitOf(field);
  const rules: string[] = [];
  const range = rangeText(field.min, field.max, unit);
  if (range) rules.push(range);
  if (field.usual) rules.push(`usually ${rangeText(field.usual.min, field.usual.max, unit)}`);
  if (field.rangeWhen) {
    const { min = field.min, max = field.max, when } = field.rangeWhen;
    rules.push(`${rangeText(min, max, unit)} when ${conditionText(when, options)}`);
  }
  if (field.options) rules.push(`one of ${field.options.join(', ')}`);
  if (field.default !== undefined) rules.push(`default ${String(field.default)}`);
  if (field.onlyWhen) rules.push(`only when ${conditionText(field.onlyWhen, options)}`);
  if (field.usedOnlyWhen) rules.push(`used only when ${conditionText(field.usedOnlyWhen, options)}`);
  if (field.requiredWhen) rules.push(`required when ${conditionText(field.requiredWhen, options)}`);
  if (field.itemOneOf) rules.push(`each item has ${field.itemOneOf.map((keys) => keys.join(' + ')).join(' or ')}`);
  return rules;
}
