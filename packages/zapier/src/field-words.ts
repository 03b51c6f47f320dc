/**
 * Core's messages name fields by JSON path ("script.images_requested must be 8 to 30"); a Zap builder knows them by
 * the labels in the Zap editor. Every path in a message that names a field becomes its label ("Slides must be 8 to
 * 30"), an item position its number, and a template's ID its name. A bare word is taken for a path only when it is
 * the message's own path, so English in a message ("text") is never relabelled.
 */
import { TEMPLATE_IDS, getTemplate, type TemplateId } from '@trending/core';

const PATH_OR_WORD = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\.\d+|\[\d+\])*/g;

export function inFieldWords(
  message: string,
  path: string,
  labelFor: ((path: string) => string | undefined) | undefined,
): string {
  const reword = (token: string): string => {
    const looksLikePath = /[._[]/.test(token) || token === path;
    const label = looksLikePath ? labelFor?.(token.replace(/\[\d+\]|\.\d+(?=\.|$)/g, '')) : undefined;
    if (label !== undefined) {
      const item = /(?:\[(\d+)\]|\.(\d+))(?:\.|$)/.exec(token);
      return item ? `${label} (item ${Number(item[1] ?? item[2]) + 1})` : label;
    }
    return (TEMPLATE_IDS as readonly string[]).includes(token) ? getTemplate(token as TemplateId).label : token;
  };
  // "{asset_id} or {story_id, run_id}": the keys of one item, named by the labels of its fields.
  const base = path.replace(/\[\d+\]|\.\d+(?=\.|$)/g, '');
  const keys = (group: string): string =>
    group
      .split(',')
      .map((key) => labelFor?.(`${base}.${key.trim()}`) ?? key.trim())
      .join(' and ');
  const text = message
    .replace(/\{([^}]*)\}/g, (_all, group: string) => `\u0000${keys(group)}\u0000`)
    .split('\u0000')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(PATH_OR_WORD, reword)))
    .join('');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
