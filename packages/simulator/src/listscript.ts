/**
 * The List template's editable Step-2 script: generated when the pipeline's script step finishes, then read and
 * edited through the script endpoints with optimistic locking (ETag / expected_updated_at).
 */
import { createHash } from 'node:crypto';
import { fieldError } from './errors';
import { getPath, isRecord } from './paths';
import { listItems } from './pricing';
import type { ListLine, ListScript, Video } from './video';

const EMOJIS = ['🔥', '🤯', '👀', '💡', '😂', '✅'];

export function generateListScript(video: Video, at: number): ListScript {
  const topic =
    typeof video.request.prompt === 'string' ? video.request.prompt.replace(/\[sim:[^\]]*\]/g, '').trim() : '';
  const count = listItems(video.request);
  const lines: ListLine[] = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    type: 'item' as const,
    text: `Item ${i + 1}: a surprising fact about ${topic || 'everyday life'} [whispers] you will not believe it.`,
    cta_meta: null,
  }));
  const withCta = getPath(video.request, 'script.include_ai_ctas') !== false;
  if (withCta) {
    lines.push({
      id: count + 1,
      type: 'cta',
      text: 'Follow for part two!',
      cta_meta: { source: 'ai', kind: 'follow' },
    });
  }
  return {
    intro: `Here are ${count} things about ${topic || 'everyday life'} you never knew.`,
    lines,
    ctas: withCta ? [{ text: 'Follow for part two!', placement: 'end' }] : [],
    emojiSuggestions: EMOJIS.slice(0, 3),
    updatedAt: at,
    narrationAttached: false,
    nextLineId: lines.length + 1,
  };
}

export function updatedAtIso(script: ListScript): string {
  return new Date(script.updatedAt).toISOString();
}

export function etagOf(script: ListScript): string {
  return `"${createHash('sha256').update(updatedAtIso(script)).digest('hex').slice(0, 20)}"`;
}

export function scriptView(script: ListScript): Record<string, unknown> {
  return {
    intro: script.intro,
    lines: script.lines.map((l, position) => ({ ...l, position: position + 1 })),
    ctas: script.ctas,
    emoji_suggestions: script.emojiSuggestions,
    updated_at: updatedAtIso(script),
  };
}

/**
 * The script a PUT or PATCH saves, whole: `{ intro?, lines?, ctas?, emoji_suggestions? }` (under `script`, or at the
 * top level). A key left out is not kept from the stored script ("save full ordered script edits"): it saves empty.
 * The reference names the edits but not their keys or shapes, so only what the simulator needs to store them is
 * checked (a string intro, an array of `{ id?, type?, text, cta_meta? }` lines, arrays of the rest); no count or
 * length caps, since none is stated. A line's `id` keeps an existing line's identity; `type` defaults to item.
 */
export function parseFullScript(
  script: ListScript,
  edits: Record<string, unknown>,
): Omit<ListScript, 'updatedAt' | 'narrationAttached' | 'nextLineId'> {
  const intro = edits.intro ?? '';
  if (typeof intro !== 'string') throw fieldError('script.intro', 'script.intro must be a string');
  const emojis = edits.emoji_suggestions ?? [];
  if (!Array.isArray(emojis) || emojis.some((e) => typeof e !== 'string')) {
    throw fieldError('script.emoji_suggestions', 'script.emoji_suggestions must be an array of strings');
  }
  const ctas = edits.ctas ?? [];
  if (!Array.isArray(ctas)) throw fieldError('script.ctas', 'script.ctas must be an array');
  return { intro, lines: parseLines(script, edits.lines ?? []), ctas, emojiSuggestions: emojis as string[] };
}

function parseLines(script: ListScript, value: unknown): ListLine[] {
  if (!Array.isArray(value))
    throw fieldError('script.lines', 'script.lines must be an array of { text, type? } objects');
  return value.map((raw, i) => {
    const path = `script.lines[${i}]`;
    if (!isRecord(raw)) throw fieldError(path, `${path} must be an object`);
    if (typeof raw.text !== 'string') throw fieldError(`${path}.text`, `${path}.text must be a string`);
    const type = raw.type ?? 'item';
    if (typeof type !== 'string') throw fieldError(`${path}.type`, `${path}.type must be a string (item or cta)`);
    const meta = raw.cta_meta ?? null;
    if (meta !== null && !isRecord(meta)) throw fieldError(`${path}.cta_meta`, `${path}.cta_meta must be an object`);
    const id = typeof raw.id === 'number' && script.lines.some((l) => l.id === raw.id) ? raw.id : script.nextLineId++;
    return { id, type, text: raw.text, cta_meta: meta };
  });
}

export const CTA_SUGGESTIONS = [
  { text: 'Follow for part two!', cta_meta: { source: 'ai', kind: 'follow' } },
  { text: 'Comment which one surprised you most.', cta_meta: { source: 'ai', kind: 'comment' } },
  { text: 'Share this with a friend who needs it.', cta_meta: { source: 'ai', kind: 'share' } },
];
