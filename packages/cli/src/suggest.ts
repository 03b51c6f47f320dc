/**
 * "Did you mean": the documented top-level request field nearest to a key nobody documents, so a typo in a --body
 * file (`promt`) is pointed out instead of being sent, ignored by the API, and charged for as a video without a word.
 */
import { TEMPLATE_IDS, getTemplate } from '@trending/core';

/** Levenshtein distance: insertions, deletions and substitutions, each costing 1. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The nearest candidate within a third of the name's length (at least 1, at most 3 edits), else undefined. */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/**
 * Every top-level key some template's catalogue documents: a key of another template is not a typo (core already
 * warns that the API may ignore it there), so it draws no second warning.
 */
export function documentedTopLevelKeys(): string[] {
  const keys = TEMPLATE_IDS.flatMap((id) => getTemplate(id).fields.map((field) => field.path.split('.')[0]!));
  return [...new Set(keys)];
}

/** Trigger bodies also carry the template and may carry the Idempotency-Key (reference, Signed triggers). */
export const TRIGGER_TOP_LEVEL_KEYS = ['video_type', 'idempotency_key'] as const;

/** One warning per top-level key of a --body file that no template documents, naming the nearest documented one. */
export function unknownKeyWarnings(body: Readonly<Record<string, unknown>>, known: readonly string[]): string[] {
  return Object.keys(body)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const near = nearestName(key, known);
      return `--body ${key}: ${near ? `did you mean ${near}? ` : ''}no template documents this field; it is sent as is and the API may ignore it`;
    });
}
