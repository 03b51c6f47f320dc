/**
 * Renders docs/fields.md from core's catalogue, so the field reference can never drift from what the faces offer
 * and validation enforces. `npm run docs` writes it; test/field-docs.test.ts fails when it is stale.
 */
import { TEMPLATES, TEMPLATE_IDS, fieldRules, type FieldSpec } from '@trending/core';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function row(path: string, f: FieldSpec): string {
  const rules = [...fieldRules(f), ...(f.source ? [`pick from ${f.source}`] : [])];
  return `| \`${path}\` | ${f.type} | ${cell(rules.join('; '))} | ${cell(f.description)} |`;
}

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
      lines.push(row(f.path, f));
      for (const item of f.items ?? []) lines.push(row(`${f.path}[].${item.path}`, item));
    }
    lines.push('');
  }
  return lines.join('\n');
}
