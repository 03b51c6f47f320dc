/**
 * "Did you mean": a top-level key that no template documents is sent as is (the API may grow, so it is never
 * refused), but it is usually a typo (`promt`) that the API ignores while it charges for the video. The warning names
 * the documented key nearest to it.
 */
import { TEMPLATE_IDS, getTemplate } from '../catalogue';
import type { Violation } from './engine';

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
 * Every top-level key some template documents. Another template's key is not a typo: the create check already warns
 * that this template may ignore it, so it draws no second warning.
 */
const DOCUMENTED_TOP_LEVEL_KEYS: readonly string[] = [
  ...new Set(TEMPLATE_IDS.flatMap((id) => getTemplate(id).fields.map((field) => field.path.split('.')[0]!))),
];

/**
 * Trigger bodies also carry the template, and may carry the Idempotency-Key and (API-key trigger only) the API key
 * (reference, Triggers).
 */
export const TRIGGER_TOP_LEVEL_KEYS: readonly string[] = ['video_type', 'idempotency_key', 'api_key'];

/** One warning (rule `undocumented`) per top-level key that no template documents, naming the nearest one. */
export function warnUndocumented(
  out: Violation[],
  body: Readonly<Record<string, unknown>>,
  alsoKnown: readonly string[] = [],
): void {
  const known = [...DOCUMENTED_TOP_LEVEL_KEYS, ...alsoKnown];
  for (const key of Object.keys(body)) {
    if (known.includes(key)) continue;
    const near = nearestName(key, known);
    out.push({
      path: key,
      rule: 'undocumented',
      message: `${key} is not a field any template documents${near ? ` (did you mean ${near}?)` : ''}; it is sent as is and the API may ignore it`,
      ...(near ? { suggestion: near } : {}),
    });
  }
}
