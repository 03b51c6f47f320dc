import { describe, expect, it } from 'vitest';
import { TEMPLATES, TEMPLATE_IDS, getTemplate, isTemplateId } from '../src/catalogue';
import type { FieldSpec, TemplateId } from '../src/catalogue/types';

const FIELD_TYPES = ['string', 'integer', 'boolean', 'enum', 'string[]', 'object[]'];

function allFields(fields: readonly FieldSpec[]): FieldSpec[] {
  return fields.flatMap((f) => [f, ...allFields(f.items ?? [])]);
}

function field(template: TemplateId, path: string): FieldSpec {
  const found = TEMPLATES[template].fields.find((f) => f.path === path);
  if (found === undefined) throw new Error(`${template} has no ${path}`);
  return found;
}

function paths(template: TemplateId): string[] {
  return TEMPLATES[template].fields.map((f) => f.path);
}

describe('template list', () => {
  it('has the seven templates in the reference order', () => {
    expect(TEMPLATE_IDS).toEqual(['story', 'dmstory', 'confession', 'didyouknow', 'rants', 'ranking', 'list']);
    expect(Object.keys(TEMPLATES).sort()).toEqual([...TEMPLATE_IDS].sort());
    for (const id of TEMPLATE_IDS) expect(TEMPLATES[id].id).toBe(id);
  });

  it('recognises template ids and nothing else', () => {
    expect(isTemplateId('didyouknow')).toBe(true);
    expect(isTemplateId('Story')).toBe(false);
    expect(isTemplateId('toString')).toBe(false);
    expect(isTemplateId(7)).toBe(false);
  });

  it('getTemplate returns the spec or names the allowed ids', () => {
    expect(getTemplate('ranking').label).toBe('Ranking');
    expect(() => getTemplate('tiktok')).toThrow(
      /"tiktok".*story, dmstory, confession, didyouknow, rants, ranking, list/,
    );
  });

  it('marks every template but ranking as narrated', () => {
    expect(TEMPLATE_IDS.filter((id) => !TEMPLATES[id].narrated)).toEqual(['ranking']);
  });

  it('is frozen, so one face cannot change the fields another face sees', () => {
    const prompt = field('story', 'prompt') as { label: string };
    expect(() => {
      prompt.label = 'Changed';
    }).toThrow(TypeError);
    expect(Object.isFrozen(TEMPLATES.list.fields)).toBe(true);
  });
});

describe.each(TEMPLATE_IDS)('%s fields', (id) => {
  const spec = TEMPLATES[id];
  const fields = allFields(spec.fields);
  const own = new Set(paths(id));

  it('has a label and a description', () => {
    expect(spec.label).toMatch(/^[A-Z]/);
    expect(spec.description.length).toBeGreaterThan(20);
  });

  it('labels every field in Title Case and describes it in a sentence', () => {
    for (const f of fields) {
      for (const word of f.label.split(' ')) expect(word, `${f.path}: ${f.label}`).toMatch(/^[A-Z0-9]/);
      expect(f.description.length, f.path).toBeGreaterThanOrEqual(20);
      expect(f.description, f.path).toMatch(/[.)]"?$/);
    }
  });

  it('uses known types, with options exactly on enums', () => {
    for (const f of fields) {
      expect(FIELD_TYPES, f.path).toContain(f.type);
      if (f.type === 'enum') {
        expect(f.options?.length, f.path).toBeGreaterThan(1);
        expect(new Set(f.options).size, f.path).toBe(f.options?.length);
      }
      if (f.type === 'object[]') expect(f.items?.length, f.path).toBeGreaterThan(0);
    }
  });

  it('has no duplicate paths or labels', () => {
    expect(new Set(paths(id)).size).toBe(spec.fields.length);
    const labels = spec.fields.map((f) => f.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('keeps ranges ordered and defaults within their own rules', () => {
    for (const f of fields) {
      if (f.min !== undefined && f.max !== undefined) expect(f.min, f.path).toBeLessThanOrEqual(f.max);
      if (f.default === undefined) continue;
      if (f.type === 'enum') expect(f.options, f.path).toContain(f.default);
      if (f.type === 'boolean') expect(typeof f.default, f.path).toBe('boolean');
      if (f.type === 'integer') {
        expect(Number.isInteger(f.default), f.path).toBe(true);
        expect(f.default as number, f.path).toBeGreaterThanOrEqual(f.min ?? -Infinity);
        expect(f.default as number, f.path).toBeLessThanOrEqual(f.max ?? Infinity);
      }
    }
  });

  it('only conditions on fields of the same template', () => {
    for (const f of spec.fields) {
      for (const c of [f.onlyWhen, f.requiredWhen, f.rangeWhen?.when]) {
        if (c !== undefined) expect(own, `${f.path} -> ${c.path}`).toContain(c.path);
      }
    }
  });

  it('has prompt, name and preview_only at the top level', () => {
    for (const path of ['prompt', 'name', 'preview_only']) expect(field(id, path).advanced, path).not.toBe(true);
    expect(field(id, 'name').max).toBe(180);
    // "prompt (string, 6 to 1000 chars)" is Story's; the others say only "min 6 chars if provided" (List: min 2).
    expect(field(id, 'prompt').max).toBe(id === 'story' ? 1000 : undefined);
    expect(field(id, 'preview_only').type).toBe('boolean');
  });

  it('takes music and the webhook exactly as the shared groups define them', () => {
    expect(own.has('music.enabled')).toBe(spec.narrated);
    for (const f of spec.fields) {
      if (!/^(music|webhook)\./.test(f.path) && f.path !== 'voice.speed_percentage') continue;
      const other = TEMPLATE_IDS.map((t) => TEMPLATES[t].fields.find((g) => g.path === f.path)).filter(Boolean);
      for (const g of other) expect(g, f.path).toBe(f);
    }
  });
});

describe('template-specific rules from the reference', () => {
  const topLevel = (id: TemplateId): string[] =>
    TEMPLATES[id].fields.filter((f) => f.advanced !== true).map((f) => f.path);

  it('keeps to the one or two defining options at the top level', () => {
    const base = ['prompt', 'name', 'preview_only'];
    expect(topLevel('story')).toEqual([...base, 'script.images_requested', 'script.visual_style_preset']);
    for (const id of ['dmstory', 'confession', 'didyouknow', 'rants'] as const) {
      expect(topLevel(id)).toEqual([...base, 'script.topic_preset']);
    }
    expect(topLevel('ranking')).toEqual([...base, 'ranking.category_preset']);
    expect(topLevel('list')).toEqual([...base, 'script.item_count', 'script.category']);
  });

  it('lets List prompts be as short as 2 characters and the others 6', () => {
    for (const id of TEMPLATE_IDS) expect(field(id, 'prompt').min, id).toBe(id === 'list' ? 2 : 6);
  });

  it('has the 16 Story visual style presets, custom last', () => {
    expect(field('story', 'script.visual_style_preset').options).toEqual([
      'semi_realistic_painterly',
      'anime',
      '3d_animated',
      'photorealistic',
      'cel_shaded_cartoon',
      'comic',
      'watercolor_storybook',
      'flat_vector',
      'pencil_sketch',
      'oil_painting',
      'neon_cyberpunk',
      'noir',
      'claymation',
      'knitted_yarn',
      'low_poly_3d',
      'custom',
    ]);
    expect(field('story', 'script.visual_style_preset').default).toBe('semi_realistic_painterly');
  });

  it('has each template its own topic presets', () => {
    expect(field('dmstory', 'script.topic_preset').options).toEqual([
      'accidental_text',
      'caught_in_a_lie',
      'best_friend_drama',
      'group_chat_exposed',
      'boss_text',
      'mysterious_number',
      'receipt_drop',
      'family_drama',
      'roommate_drama',
      'petty_argument',
    ]);
    expect(field('confession', 'script.topic_preset').options).toEqual([
      'embarrassing',
      'school',
      'friend_drama',
      'relationship',
      'family',
      'work',
      'money',
      'petty',
      'secret',
      'mistake',
    ]);
    expect(field('didyouknow', 'script.topic_preset').options).toEqual([
      'animals',
      'food',
      'space',
      'history',
      'science',
      'everyday',
    ]);
    expect(field('rants', 'script.topic_preset').options).toEqual([
      'wholesome',
      'school',
      'friend_drama',
      'relationship',
      'fake_friend',
      'petty_revenge',
      'rich_kid',
      'glow_up',
      'scammer',
      'strict_parents',
    ]);
    expect(own('story').has('script.topic_preset')).toBe(false);
  });

  it('has the 16 Ranking category presets and no voice or music', () => {
    expect(field('ranking', 'ranking.category_preset').options).toEqual([
      'bodycam',
      'security_camera',
      'cinematic',
      'animals',
      'cartoon_characters',
      'celebrities',
      'vehicles',
      'funny',
      'cursed',
      'absurd',
      'wholesome',
      'epic',
      'chase',
      'transformation',
      'disaster',
      'asmr',
    ]);
    expect(paths('ranking').filter((p) => /^(voice|music)\./.test(p))).toEqual([]);
  });

  it('gives Story slides 10..30 (default 12), or 2..30 with preview_only', () => {
    const slides = field('story', 'script.images_requested');
    expect([slides.type, slides.min, slides.max, slides.default]).toEqual(['integer', 10, 30, 12]);
    expect(slides.rangeWhen).toEqual({ when: { path: 'preview_only', equals: [true] }, min: 2, max: 30 });
  });

  it('captures the Story conditions', () => {
    expect(field('story', 'script.voice_format').options).toEqual(['dialogue', 'monologue', 'narrated']);
    // "only used when": the API ignores the field otherwise, so it is a warning (usedOnlyWhen), not a refusal.
    expect(field('story', 'script.narrator_enabled').usedOnlyWhen).toEqual({
      path: 'script.voice_format',
      equals: ['dialogue'],
    });
    const custom = field('story', 'script.visual_style_custom');
    expect([custom.max, custom.usedOnlyWhen?.equals, custom.onlyWhen]).toEqual([240, ['custom'], undefined]);
    expect(field('story', 'script.reuse_story_mode').options).toEqual(['different', 'similar', 'continuation']);
    expect(field('story', 'script.reuse_characters_from_video_id').requiredWhen).toEqual({
      path: 'script.reuse_story_mode',
      equals: ['similar', 'continuation'],
    });
  });

  it('describes Story reference images as up to 9 items of one of two shapes', () => {
    const refs = field('story', 'script.reference_images');
    expect(refs.max).toBe(9);
    expect(refs.itemOneOf).toEqual([['asset_id'], ['story_id', 'run_id']]);
    expect(refs.items?.map((f) => f.path)).toEqual(['asset_id', 'story_id', 'run_id', 'alias', 'description']);
    expect(refs.items?.find((f) => f.path === 'description')?.max).toBe(220);
  });

  it('bounds the Story text fields', () => {
    expect(field('story', 'script.reference_instruction').max).toBe(600);
    expect(field('story', 'script.outro.text').max).toBe(900);
    expect(field('story', 'script.outro.speaker').max).toBe(120);
  });

  it('gives List its item count, CTAs, category and voice', () => {
    expect([field('list', 'script.item_count').min, field('list', 'script.item_count').max]).toEqual([1, 15]);
    expect(field('list', 'script.include_ai_ctas').default).toBe(true);
    expect(field('list', 'script.subcategory').onlyWhen).toEqual({ path: 'script.category', present: true });
    expect(field('list', 'voice.voice_actor_id').default).toBe(233);
  });

  it('shares the voice delivery options among the fixed-cast narrated templates only', () => {
    const withSpeed = TEMPLATE_IDS.filter((id) => own(id).has('voice.speed_percentage'));
    expect(withSpeed).toEqual(['dmstory', 'confession', 'didyouknow', 'rants']);
    expect([field('rants', 'voice.speed_percentage').min, field('rants', 'voice.speed_percentage').max]).toEqual([
      80, 200,
    ]);
  });

  it('offers background folders everywhere but Story, and exit clips only on Did You Know', () => {
    expect(TEMPLATE_IDS.filter((id) => own(id).has('background.folder_id'))).toEqual(TEMPLATE_IDS.slice(1));
    expect(TEMPLATE_IDS.filter((id) => own(id).has('background.exit_video_id'))).toEqual(['didyouknow']);
  });

  it('documents music volume (default 20; 0..100 only as the usual range) and the music.id alias', () => {
    const volume = field('list', 'music.volume_percent');
    expect([volume.min, volume.max, volume.usual, volume.default]).toEqual([
      undefined,
      undefined,
      { min: 0, max: 100 },
      20,
    ]);
    expect(field('story', 'music.music_id').aliases).toEqual(['music.id']);
  });

  it('names the helper endpoint behind each dynamic field', () => {
    expect(field('list', 'voice.voice_actor_id').source).toBe('voiceActors');
    expect(field('rants', 'background.folder_id').source).toBe('libraryFolders');
    expect(field('story', 'script.reuse_characters_from_video_id').source).toBe('characterSources');
    expect(field('story', 'script.outro.source_key').source).toBe('outroSources');
    expect(field('story', 'script.reference_images').items?.[0]?.source).toBe('referenceImages');
  });

  it('takes webhook url, secret and events on every template', () => {
    for (const id of TEMPLATE_IDS) {
      expect(paths(id).filter((p) => p.startsWith('webhook.'))).toEqual([
        'webhook.url',
        'webhook.secret',
        'webhook.events',
      ]);
    }
    expect(field('story', 'webhook.url').description).toMatch(/http.*loopback/);
    expect(field('story', 'webhook.events').type).toBe('string[]');
  });
});

function own(id: TemplateId): Set<string> {
  return new Set(paths(id));
}
