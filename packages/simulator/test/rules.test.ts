import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** CI has shared/ beside the clone (../shared); locally it is beside the repo root the same way. */
const REFERENCE = readFileSync(resolve(__dirname, '../../../..', 'shared/reference/trending-video-api.txt'), 'utf8');
const RULES_DIR = resolve(__dirname, '../src/rules');

/** Every `reference` string (and every enumerated `values` entry) anywhere in the exports of src/rules/*.ts. */
function collect(value: unknown, out: { references: Set<string>; values: Set<string> }, seen = new Set<unknown>()) {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  const record = value as Record<string, unknown>;
  if (typeof record.reference === 'string') out.references.add(record.reference);
  if (Array.isArray(record.values)) for (const v of record.values) if (typeof v === 'string') out.values.add(v);
  for (const child of Object.values(record)) collect(child, out, seen);
}

describe('the rule table quotes the reference', () => {
  const found = { references: new Set<string>(), values: new Set<string>() };

  beforeAll(async () => {
    for (const file of readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts'))) {
      collect(await import(resolve(RULES_DIR, file)), found);
    }
  });

  it('finds rules in src/rules', () => {
    expect(found.references.size).toBeGreaterThan(40);
  });

  it('every reference string is verbatim in shared/reference/trending-video-api.txt', () => {
    const missing = [...found.references].filter((r) => !REFERENCE.includes(r));
    expect(missing).toEqual([]);
  });

  it('every enumerated value is spelled in the reference', () => {
    const missing = [...found.values].filter((v) => !REFERENCE.includes(v));
    expect(missing).toEqual([]);
  });
});
