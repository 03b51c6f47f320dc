import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TEMPLATES } from '@trending/core';
import { renderFieldDocs } from '../scripts/field-docs';

const DOC = resolve(__dirname, '../docs/fields.md');

describe('docs/fields.md', () => {
  // `npm run docs` sets UPDATE_DOCS=1 to rewrite the file, like a snapshot update.
  if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, renderFieldDocs());

  it('is what the catalogue renders today (run `npm run docs` after changing a field)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(renderFieldDocs());
  });

  it('names every field of every template', () => {
    const doc = renderFieldDocs();
    for (const t of Object.values(TEMPLATES)) for (const f of t.fields) expect(doc).toContain(`\`${f.path}\``);
  });
});
