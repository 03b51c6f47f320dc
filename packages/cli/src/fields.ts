/**
 * The template catalogue as command-line help. Nothing here lists a field by hand: every line comes from core's
 * FieldSpecs, so a field added to the catalogue shows up in `trending create <template> --help` on the next build.
 */
import type { Condition, FieldSpec, TemplateSpec } from '@trending/core';

function describeCondition(condition: Condition): string {
  if (condition.present !== undefined) return `${condition.path} is ${condition.present ? 'set' : 'not set'}`;
  return `${condition.path}=${(condition.equals ?? []).map(String).join('|')}`;
}

function range(min: number | undefined, max: number | undefined): string | undefined {
  if (min === undefined && max === undefined) return undefined;
  if (min !== undefined && max !== undefined) return `${min}..${max}`;
  return min !== undefined ? `>= ${min}` : `<= ${max}`;
}

/** "integer 10..30 (2..30 when preview_only=true), default 12": type, bounds, choices, default, conditions. */
export function describeConstraints(field: FieldSpec): string {
  const unit = field.type === 'string' ? ' chars' : field.type.endsWith('[]') ? ' items' : '';
  const parts: string[] = [field.type === 'object[]' ? 'JSON array of objects' : field.type];
  const bounds = range(field.min, field.max);
  if (bounds) {
    let text = `${bounds}${unit}`;
    if (field.rangeWhen) {
      const alt = range(field.rangeWhen.min ?? field.min, field.rangeWhen.max ?? field.max);
      text += ` (${alt}${unit} when ${describeCondition(field.rangeWhen.when)})`;
    }
    parts[0] += ` ${text}`;
  }
  if (field.options) parts.push(`one of: ${field.options.join(', ')}`);
  if (field.default !== undefined) parts.push(`default ${String(field.default)}`);
  if (field.onlyWhen) parts.push(`only when ${describeCondition(field.onlyWhen)}`);
  if (field.requiredWhen) parts.push(`required when ${describeCondition(field.requiredWhen)}`);
  if (field.itemOneOf) parts.push(`each item has ${field.itemOneOf.map((keys) => keys.join('+')).join(' or ')}`);
  return parts.join('; ');
}

/** The paths a named flag already sets, so the help can point at the flag instead. */
export const NAMED_FLAGS: Readonly<Record<string, string>> = {
  prompt: '--prompt',
  name: '--name',
  preview_only: '--preview',
  'webhook.url': '--webhook-url',
  'webhook.secret': '--webhook-secret',
  'webhook.events': '--events',
};

export function templateFieldsHelp(template: TemplateSpec): string {
  const lines = [``, `Fields of ${template.label} (set any of them with --set path=value; lists as a,b or JSON):`];
  for (const field of template.fields) {
    const flag = NAMED_FLAGS[field.path];
    lines.push(`  ${field.path}${flag ? ` (${flag})` : ''}`);
    lines.push(`      ${describeConstraints(field)}`);
    lines.push(`      ${field.label}: ${field.description}`);
    for (const item of field.items ?? []) {
      lines.push(`      - ${item.path}: ${describeConstraints(item)}`);
    }
  }
  return lines.join('\n');
}
