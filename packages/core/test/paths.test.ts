import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../src/catalogue/types';
import { bodyFromEntries, coerceFieldValue, findField, flattenBody, getPath, setPath } from '../src/paths';

function spec(template: Parameters<typeof findField>[0], path: string): FieldSpec {
  const found = findField(template, path);
  if (found === undefined) throw new Error(`no ${path} on ${template}`);
  return found;
}

describe('getPath', () => {
  const body = { script: { outro: { text: 'Hi' }, reference_images: [{ asset_id: 5 }] }, n: 0 };

  it('reads nested values, array items and falsy values', () => {
    expect(getPath(body, 'script.outro.text')).toBe('Hi');
    expect(getPath(body, 'script.reference_images.0.asset_id')).toBe(5);
    expect(getPath(body, 'n')).toBe(0);
  });

  it('gives undefined for anything missing or not an object on the way', () => {
    expect(getPath(body, 'script.music.enabled')).toBeUndefined();
    expect(getPath(body, 'script.outro.text.length')).toBeUndefined();
    expect(getPath(null, 'a')).toBeUndefined();
  });

  it('never reads inherited properties', () => {
    expect(getPath({}, 'constructor')).toBeUndefined();
    expect(getPath({ a: {} }, 'a.toString')).toBeUndefined();
  });
});

describe('setPath', () => {
  it('creates nested objects and keeps siblings', () => {
    const body: Record<string, unknown> = { script: { item_count: 3 } };
    setPath(body, 'script.outro.text', 'Bye');
    setPath(body, 'prompt', 'cats');
    expect(body).toEqual({ script: { item_count: 3, outro: { text: 'Bye' } }, prompt: 'cats' });
  });

  it('refuses to overwrite a non-object in the way', () => {
    expect(() => setPath({ script: 'x' }, 'script.item_count', 3)).toThrow(/script already holds a string/);
  });

  it('refuses paths that would reach Object.prototype', () => {
    expect(() => setPath({}, '__proto__.polluted', true)).toThrow(/Invalid field path/);
    expect(() => setPath({}, 'a.constructor.prototype', true)).toThrow(/Invalid field path/);
    expect(() => setPath({}, 'a..b', true)).toThrow(/Invalid field path/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('bodyFromEntries and flattenBody', () => {
  it('nests flat entries, skipping undefined and empty strings', () => {
    expect(
      bodyFromEntries({
        prompt: 'A hotel keycard',
        name: '',
        preview_only: false,
        'script.images_requested': 12,
        'script.visual_style_custom': undefined,
        'webhook.events': ['trending.story.v001.*'],
      }),
    ).toEqual({
      prompt: 'A hotel keycard',
      preview_only: false,
      script: { images_requested: 12 },
      webhook: { events: ['trending.story.v001.*'] },
    });
  });

  it('round-trips a body, keeping arrays of objects as leaves', () => {
    const body = {
      prompt: 'p',
      script: { reference_images: [{ asset_id: 1 }], outro: { enabled: true } },
      webhook: { url: 'https://x.example' },
    };
    const flat = flattenBody(body);
    expect(flat).toEqual({
      prompt: 'p',
      'script.reference_images': [{ asset_id: 1 }],
      'script.outro.enabled': true,
      'webhook.url': 'https://x.example',
    });
    expect(bodyFromEntries(flat)).toEqual(body);
  });
});

describe('findField', () => {
  it('finds a field by path or alias, only on templates that have it', () => {
    expect(findField('story', 'script.images_requested')?.label).toBe('Slides');
    expect(findField('list', 'music.id')?.path).toBe('music.music_id');
    expect(findField('ranking', 'music.music_id')).toBeUndefined();
    expect(() => findField('nope' as 'story', 'prompt')).toThrow(/Unknown template/);
  });
});

describe('coerceFieldValue', () => {
  const slides = spec('story', 'script.images_requested');

  it('parses integers and names the field when it cannot', () => {
    expect(coerceFieldValue(slides, ' 12 ')).toBe(12);
    expect(coerceFieldValue(slides, '-3')).toBe(-3);
    for (const bad of ['12.5', 'twelve', '1e3', '99999999999999999999']) {
      expect(() => coerceFieldValue(slides, bad)).toThrow(/Slides \(script\.images_requested\) must be a whole number/);
    }
  });

  it('reads true/false, yes/no and 1/0 in any case', () => {
    const preview = spec('story', 'preview_only');
    expect(['true', 'YES', '1', 'Yes'].map((s) => coerceFieldValue(preview, s))).toEqual([true, true, true, true]);
    expect(['false', 'no', '0', 'NO'].map((s) => coerceFieldValue(preview, s))).toEqual([false, false, false, false]);
    expect(() => coerceFieldValue(preview, 'maybe')).toThrow(/Preview Only \(preview_only\) must be true\/false/);
  });

  it('treats a blank input as not set', () => {
    expect(coerceFieldValue(slides, '   ')).toBeUndefined();
    expect(coerceFieldValue(spec('story', 'prompt'), '')).toBeUndefined();
  });

  it('keeps strings as typed, whitespace included', () => {
    expect(coerceFieldValue(spec('story', 'prompt'), ' A hotel keycard ')).toBe(' A hotel keycard ');
  });

  it('matches enum options regardless of case and leaves unknown values for validation', () => {
    const style = spec('story', 'script.visual_style_preset');
    expect(coerceFieldValue(style, 'Anime')).toBe('anime');
    expect(coerceFieldValue(style, 'cubism')).toBe('cubism');
  });

  it('reads string lists from commas or a JSON array', () => {
    const events = spec('story', 'webhook.events');
    expect(coerceFieldValue(events, 'trending.story.v001.*, trending.*.v001.failed,')).toEqual([
      'trending.story.v001.*',
      'trending.*.v001.failed',
    ]);
    expect(coerceFieldValue(events, '["a,b", "c"]')).toEqual(['a,b', 'c']);
    expect(() => coerceFieldValue(events, '[1, 2]')).toThrow(/Webhook Events \(webhook\.events\)/);
    expect(() => coerceFieldValue(events, '[oops')).toThrow(/JSON array of strings/);
  });

  it('reads object lists from JSON, a single object included', () => {
    const refs = spec('story', 'script.reference_images');
    expect(coerceFieldValue(refs, '[{"asset_id": 501}, {"story_id": 4, "run_id": 9}]')).toEqual([
      { asset_id: 501 },
      { story_id: 4, run_id: 9 },
    ]);
    expect(coerceFieldValue(refs, '{"asset_id": 501}')).toEqual([{ asset_id: 501 }]);
    expect(() => coerceFieldValue(refs, '[1]')).toThrow(
      /Reference Images \(script\.reference_images\) must be a JSON array of objects/,
    );
    expect(() => coerceFieldValue(refs, 'asset 501')).toThrow(/JSON array of objects/);
  });
});
