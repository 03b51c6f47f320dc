/**
 * Renders docs/fields.md from core's catalogue, so the field reference can never drift from what the faces offer
 * and validation enforces. `npm run docs` writes it; test/field-docs.test.ts fails when it is stale.
 */
import { TEMPLATES, TEMPLATE_IDS, type Condition, type FieldSpec } from '@trending/core';

function condition(c: Condition): string {
  if (c.equals) return `${c.path} is ${c.equals.map((v) => `\`${String(v)}\``).join(' or ')}`;
  return `${c.path} is set`;
}

function range(f: FieldSpec): string {
  const unit = f.type === 'string' ? ' chars' : f.type.endsWith('[]') ? ' items' : '';
  const parts: string[] = [];
  if (f.min !== undefined && f.max !== undefined) parts.push(`${f.min}..${f.max}${unit}`);
  else if (f.max !== undefined) parts.push(`max ${f.max}${unit}`);
  else if (f.min !== undefined) parts.push(`min ${f.min}${unit}`);
  if (f.rangeWhen) {
    const { min = f.min, max = f.max } = f.rangeWhen;
    parts.push(`${min}..${max} when ${condition(f.rangeWhen.when)}`);
  }
  return parts.join('; ');
}

function rules(f: FieldSpec): string {
  const out: string[] = [];
  if (f.options) out.push(`one of ${f.options.map((o) => `\`${o}\``).join(', ')}`);
  const r = range(f);
  if (r) out.push(r);
  if (f.default !== undefined) out.push(`default \`${String(f.default)}\``);
  if (f.onlyWhen) out.push(`only when ${condition(f.onlyWhen)}`);
  if (f.requiredWhen) out.push(`required when ${condition(f.requiredWhen)}`);
  if (f.itemOneOf) out.push(`each item has exactly one of ${f.itemOneOf.map((g) => `{${g.join(', ')}}`).join(' or ')}`);
  if (f.source) out.push(`pick from ${f.source}`);
  return out.join('; ');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderFieldDocs(): string {
  const lines = [
    '# Create fields by template',
    '',
    'Generated from `packages/core/src/catalogue` by `npm run docs`; do not edit by hand.',
    'Every face (n8n node, Zapier app, `trending` command) offers exactly these fields, and core validates them.',
    '',
  ];
  for (const id of TEMPLATE_IDS) {
    const t = TEMPLATES[id];
    lines.push(
      `## ${t.label} (\`${id}\`)`,
      '',
      t.description,
      '',
      '| Field | Type | Rules | Description |',
      '|---|---|---|---|',
    );
    for (const f of t.fields) {
      lines.push(`| \`${f.path}\` | ${f.type} | ${cell(rules(f))} | ${cell(f.description)} |`);
      for (const item of f.items ?? []) {
        lines.push(
          `| \`${f.path}[].${item.path}\` | ${item.type} | ${cell(rules(item))} | ${cell(item.description)} |`,
        );
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}
