/**
 * The template catalogue as command-line help. Nothing here lists a field by hand: every line comes from core's
 * FieldSpecs, so a field added to the catalogue shows up in `trending create <template> --help` on the next build.
 */
import { fieldRules, type FieldSpec, type TemplateSpec } from '@trending/core';
import { NAMED_FLAGS } from './body-flags';

/**
 * "integer; 10 to 30; 2 to 30 when preview_only is true; default 12": the type, then core's rules in core's words
 * (the same as the n8n hints, Zapier's help and docs/fields.md), one line per field.
 */
export function describeConstraints(field: FieldSpec): string {
  return [field.type === 'object[]' ? 'JSON array of objects' : field.type, ...fieldRules(field)].join('; ');
}

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
