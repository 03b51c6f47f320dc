/**
 * The corpus itself: every case cites the reference verbatim, ids are unique, and the corpus is big enough to cover
 * what the reference documents.
 */
import { ALL_CASES, TOPICS } from './cases';
import { readReference } from './reference';

const reference = readReference();

describe('conformance corpus', () => {
  it.each(ALL_CASES.map((c) => [c.id, c.reference] as const))('%s cites the reference verbatim', (_id, quote) => {
    expect(quote.trim().length).toBeGreaterThan(0);
    expect(reference.includes(quote), `not found verbatim in the reference: ${JSON.stringify(quote)}`).toBe(true);
  });

  it('has unique case ids', () => {
    const ids = ALL_CASES.map((c) => c.id);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    expect(repeated).toEqual([]);
  });

  it('holds at least 150 cases', () => {
    const counts = Object.fromEntries(Object.entries(TOPICS).map(([topic, cases]) => [topic, cases.length]));
    expect(ALL_CASES.length, JSON.stringify(counts)).toBeGreaterThanOrEqual(150);
  });
});
