/**
 * The List template's editable Step-2 script: generated when the pipeline's script step finishes, then read and
 * edited through the script endpoints with optimistic locking (ETag / expected_updated_at).
 */
import { createHash } from 'node:crypto';
import { getPath, type ListScriptLineType } from '@trending/core';
import { fieldError } from './errors';
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
 * Lines as sent by a client: `{ id?, type?, text, cta_meta? }`; an id keeps an existing line's identity. The caps (30
 * lines, 500 characters) are the simulator's; the reference gives none.
 */
export function parseLines(script: ListScript, value: unknown): ListLine[] {
  if (!Array.isArray(value)) throw fieldError('script.lines', 'lines must be an array of { text, type? } objects');
  if (value.length > 30) throw fieldError('script.lines', 'a List script has at most 30 lines');
  return value.map((raw, i) => {
    const path = `script.lines.${i}`;
    if (typeof raw !== 'object' || raw === null) throw fieldError(path, 'each line must be an object');
    const line = raw as Record<string, unknown>;
    if (typeof line.text !== 'string' || line.text.trim() === '' || line.text.length > 500) {
      throw fieldError(`${path}.text`, 'text must be 1 to 500 characters');
    }
    // Types, ids and the object shape were checked by core's validateListScriptUpdate (LIST_SCRIPT_LINE_FIELDS).
    const type = (line.type ?? 'item') as ListScriptLineType;
    if (line.cta_meta !== undefined && line.cta_meta !== null && typeof line.cta_meta !== 'object') {
      throw fieldError(`${path}.cta_meta`, 'cta_meta must be an object');
    }
    const id =
      typeof line.id === 'number' && script.lines.some((l) => l.id === line.id) ? line.id : script.nextLineId++;
    return { id, type, text: line.text, cta_meta: (line.cta_meta as Record<string, unknown> | undefined) ?? null };
  });
}

export function parseEmojis(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((e) => typeof e !== 'string') || value.length > 20) {
    throw fieldError('script.emoji_suggestions', 'emoji_suggestions must be an array of at most 20 strings');
  }
  return value as string[];
}

export function parseIntro(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500)
    throw fieldError('script.intro', 'intro must be a string of at most 500 characters');
  return value;
}

export const CTA_SUGGESTIONS = [
  { text: 'Follow for part two!', cta_meta: { source: 'ai', kind: 'follow' } },
  { text: 'Comment which one surprised you most.', cta_meta: { source: 'ai', kind: 'comment' } },
  { text: 'Share this with a friend who needs it.', cta_meta: { source: 'ai', kind: 'share' } },
];
