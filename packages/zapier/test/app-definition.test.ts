/**
 * The app definition as Zapier checks it: schema validity (the same check `zapier-platform validate` runs) and the
 * publishing checks worth meeting locally, plus the promise that every input is generated from core's catalogue.
 */
import { createRequire } from 'node:module';
import { LIST_SCRIPT_LINE_TYPES, TEMPLATE_IDS, fieldRules, findField, getTemplate, optionLabel } from '@trending/core';
import type { PlainInputField, PlainOutputField } from 'zapier-platform-core';
import { API_PATH_WORDS, App, expectZapierWords } from './support/harness';

const { prepareApp, validateApp } = createRequire(__filename)('zapier-platform-core/src/tools/schema') as {
  prepareApp: (app: unknown) => unknown;
  validateApp: (app: unknown) => unknown[];
};

interface Action {
  key: string;
  noun: string;
  display: { label: string; description: string; hidden?: boolean };
  operation: {
    inputFields?: (PlainInputField | ((...args: never[]) => unknown))[];
    outputFields?: PlainOutputField[];
    sample?: Record<string, unknown>;
  };
}

const creates = Object.values(App.creates) as unknown as Action[];
const searches = Object.values(App.searches) as unknown as Action[];
const triggers = Object.values(App.triggers) as unknown as Action[];
const visibleActions = [...creates, ...searches];

/** Static fields, with line items' children flattened in. */
function staticFields(action: Action): PlainInputField[] {
  const fields = (action.operation.inputFields ?? []).filter((f): f is PlainInputField => typeof f === 'object');
  return fields.flatMap((f) => [f, ...(f.children ?? [])]);
}

// Zapier's style check D018 wants Title Case: every word capitalised except short joining words.
const MINOR_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to']);
function isTitleCase(label: string): boolean {
  return label.split(/\s+/).every((word, i) => /^[A-Z0-9@>(]/.test(word) || (i > 0 && MINOR_WORDS.has(word)));
}

// The substrings Zapier's secret scrubber treats as secret (@zapier/secret-scrubber); D001 rejects such input keys.
const SECRET_LIKE = [
  'api_key',
  'apikey',
  'api-key',
  'auth',
  'jwt',
  'passwd',
  'password',
  'pswd',
  'secret',
  'signature',
  'token',
];

function sampleKeysOutsideOutputFields(action: Action): string[] {
  const declared = new Set((action.operation.outputFields ?? []).map((f) => f.key.split('[]')[0]));
  return Object.keys(action.operation.sample ?? {}).filter((key) => !declared.has(key));
}

function datesIn(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return /(_at|date|time)$/.test(path) ? [[path, value]] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => datesIn(v, `${path}.${i}`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => datesIn(v, path ? `${path}.${k}` : k));
  }
  return [];
}

describe('the app definition', () => {
  it('passes Zapier schema validation (validateApp(prepareApp(App)))', () => {
    expect(validateApp(prepareApp(App))).toEqual([]);
  });

  it('has one Create step per template, the video helpers, API Request, three searches and the dropdown triggers', () => {
    expect(Object.keys(App.creates)).toEqual([
      ...TEMPLATE_IDS.map((t) => `create_${t}_video`),
      'render_video',
      'abort_video',
      'upload_story_reference_image',
      'update_list_script',
      'favorite_voice_actor',
      'api_request',
    ]);
    expect(Object.keys(App.searches)).toEqual(['find_video', 'estimate_cost', 'check_readiness']);
    expect(Object.keys(App.triggers)).toEqual([
      'voice_actors',
      'library_folders',
      'character_sources',
      'reference_images',
      'outro_sources',
    ]);
    expect(creates.find((c) => c.key === 'create_dmstory_video')?.display.label).toBe('Create DM Story Video');
    expect(creates.find((c) => c.key === 'create_didyouknow_video')?.display.label).toBe('Create Did You Know Video');
  });
});

describe('publishing checks, enforced locally', () => {
  it.each(visibleActions.map((a) => [a.key, a] as const))(
    '%s: a static sample whose keys are all output fields',
    (_key, action) => {
      expect(action.operation.sample).toBeDefined();
      expect(sampleKeysOutsideOutputFields(action)).toEqual([]);
    },
  );

  it('detects a sample key without an output field (the check itself can fail)', () => {
    const broken: Action = { ...creates[0]!, operation: { ...creates[0]!.operation, sample: { surprise: 1 } } };
    expect(sampleKeysOutsideOutputFields(broken)).toEqual(['surprise']);
  });

  it('labels are Title Case (actions, inputs, line items, outputs)', () => {
    const labels = [...visibleActions, ...triggers].flatMap((a) => [
      a.display.label,
      ...staticFields(a).map((f) => f.label ?? ''),
      ...(a.operation.outputFields ?? []).map((f) => f.label ?? ''),
    ]);
    expect(labels.filter((label) => !isTitleCase(label))).toEqual([]);
    expect(isTitleCase('Create story video')).toBe(false);
  });

  it('no action input key looks like a secret (D001); the webhook secret is the app own, never an input', () => {
    const keys = visibleActions.flatMap((a) => staticFields(a).map((f) => `${a.key}.${f.key}`));
    expect(keys.filter((key) => SECRET_LIKE.some((s) => key.toLowerCase().includes(s)))).toEqual([]);
    expect(keys.some((key) => key.endsWith('.webhook.secret'))).toBe(false);
    // The auth field is the one place a secret is asked for, as a password field.
    expect(App.authentication?.fields?.find((f) => f.key === 'api_key')?.type).toBe('password');
  });

  it('dates in samples are ISO 8601', () => {
    const dates = [...visibleActions, ...triggers].flatMap((a) => datesIn(a.operation.sample));
    expect(dates.length).toBeGreaterThan(0);
    for (const [path, value] of dates) {
      expect(value, path).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    }
  });

  it('trigger descriptions start "Triggers when", and the dropdown triggers are hidden', () => {
    for (const trigger of triggers) {
      expect(trigger.display.description).toMatch(/^Triggers when /);
      expect(trigger.display.hidden).toBe(true);
    }
  });

  it('every dynamic dropdown points at an existing trigger and its id/name fields', () => {
    const refs = visibleActions.flatMap((a) => staticFields(a).flatMap((f) => (f.dynamic ? [f.dynamic] : [])));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const [trigger, id, label] = ref.split('.');
      expect(Object.keys(App.triggers)).toContain(trigger);
      expect([id, label]).toEqual(['id', 'name']);
    }
  });
});

describe('input fields generated from the catalogue', () => {
  it.each(TEMPLATE_IDS.map((t) => [t]))(
    '%s: every catalogue field but the webhook, with its label and type',
    (template) => {
      const create = creates.find((c) => c.key === `create_${template}_video`)!;
      const fields = create.operation.inputFields as PlainInputField[];
      const expected = getTemplate(template).fields.filter((f) => !f.path.startsWith('webhook.'));
      expect(fields.map((f) => f.key)).toEqual([
        ...expected.map((f) => f.path),
        'max_credits',
        'wait_for_video',
        'idempotency_key',
      ]);
      for (const spec of expected) {
        const field = fields.find((f) => f.key === spec.path)!;
        expect(field.label).toBe(spec.label);
        if (spec.type === 'enum')
          expect((field.choices as { value: string }[]).map((c) => c.value)).toEqual(spec.options);
        if (spec.type === 'integer') expect(field.type).toBe('integer');
        if (spec.type === 'boolean') expect(field.type).toBe('boolean');
        if (spec.type === 'string[]') expect(field.list).toBe(true);
        if (spec.type !== 'object[]') expect(field.helpText).toContain(spec.description.split(' (')[0]!.slice(0, 40));
        if (spec.advanced) expect(field.group).toBe('advanced');
      }
    },
  );

  it('Story reference images are line items with a reference image dropdown; the slide range is in the help text', () => {
    const story = creates.find((c) => c.key === 'create_story_video')!;
    const fields = story.operation.inputFields as PlainInputField[];
    const refs = fields.find((f) => f.key === 'script.reference_images')!;
    expect(refs.children?.map((c) => c.key)).toEqual(['asset_id', 'story_id', 'run_id', 'alias', 'description']);
    expect(refs.children?.[0]?.dynamic).toBe('reference_images.id.name');
    expect(refs.children?.[0]?.helpText).toContain('Up to 9 images');
    const slides = fields.find((f) => f.key === 'script.images_requested')!;
    expect(slides.helpText).toContain('Rules: 10 to 30; 2 to 30 when **Preview Only** is true; default 12.');
    expect(fields.find((f) => f.key === 'script.reuse_characters_from_video_id')?.dynamic).toBe(
      'character_sources.id.name',
    );
    expect(fields.find((f) => f.key === 'script.outro.source_key')?.dynamic).toBe('outro_sources.id.name');
    expect(fields.find((f) => f.key === 'prompt')?.type).toBe('text');
  });

  it("help text states core's rules (fieldRules) for every field, other fields named by their bold label", () => {
    for (const template of TEMPLATE_IDS) {
      const fields = staticFields(creates.find((c) => c.key === `create_${template}_video`)!);
      const name = (path: string) => `**${findField(template, path)?.label ?? path}**`;
      for (const spec of getTemplate(template).fields.filter((f) => !f.path.startsWith('webhook.'))) {
        if (spec.type === 'object[]') continue;
        // Defaults as the Zap editor shows values: an option's label, Yes/No.
        const shown = (value: unknown) =>
          spec.type === 'boolean' ? (value ? 'Yes' : 'No') : spec.type === 'enum' ? optionLabel(String(value)) : value;
        const rules = fieldRules(spec.type === 'enum' ? { ...spec, options: undefined } : spec, { name }).map((rule) =>
          rule === `default ${String(spec.default)}` ? `default ${String(shown(spec.default))}` : rule,
        );
        const help = fields.find((f) => f.key === spec.path)!.helpText!;
        if (rules.length > 0) expect(help).toContain(`Rules: ${rules.join('; ')}.`);
        else expect(help).not.toContain('Rules:');
      }
    }
    const story = staticFields(creates.find((c) => c.key === 'create_story_video')!);
    const help = (key: string) => story.find((f) => f.key === key)?.helpText;
    expect(help('script.visual_style_custom')).toContain(
      'only when **Visual Style** is custom; required when **Visual Style** is custom',
    );
    expect(help('script.reuse_characters_from_video_id')).toContain(
      'required when **Reuse Story Mode** is similar or continuation',
    );
  });

  it("dropdown labels are core's optionLabel (acronyms kept: 3D, CTA)", () => {
    const story = staticFields(creates.find((c) => c.key === 'create_story_video')!);
    const styles = story.find((f) => f.key === 'script.visual_style_preset')!.choices as {
      value: string;
      label: string;
    }[];
    expect(styles.find((c) => c.value === '3d_animated')?.label).toBe('3D Animated');
    expect(styles.find((c) => c.value === 'semi_realistic_painterly')?.label).toBe('Semi Realistic Painterly');
    for (const choice of styles) expect(choice.label).toBe(optionLabel(choice.value));
    const update = staticFields(creates.find((c) => c.key === 'update_list_script')!);
    const lineTypes = update.find((f) => f.key === 'type')!.choices as { value: string; label: string }[];
    // The line types are core's catalogue data (LIST_SCRIPT_LINE_TYPES), not a list of the app's own.
    expect(lineTypes.map((c) => c.value)).toEqual([...LIST_SCRIPT_LINE_TYPES]);
    expect(lineTypes).toEqual([
      { value: 'item', label: 'Item', sample: 'item' },
      { value: 'cta', label: 'CTA', sample: 'cta' },
    ]);
  });

  it('voice actors and library folders are dropdowns where the catalogue says so', () => {
    const list = creates.find((c) => c.key === 'create_list_video')!.operation.inputFields as PlainInputField[];
    expect(list.find((f) => f.key === 'voice.voice_actor_id')?.dynamic).toBe('voice_actors.id.name');
    expect(list.find((f) => f.key === 'background.folder_id')?.dynamic).toBe('library_folders.id.name');
  });
});

describe("help texts in a Zap builder's words", () => {
  type Field = { key: string; label?: string; helpText?: string; children?: Field[] };
  const fields = (list: unknown): Field[] =>
    (Array.isArray(list) ? list : [])
      .filter((f): f is Field => typeof f === 'object' && f !== null && 'key' in f)
      .flatMap((f) => [f, ...fields(f.children)]);

  it('no input field help, action or search description names an API path, a header or a "credential"', () => {
    const texts: { text: string; allowed: readonly RegExp[] }[] = [];
    for (const kind of ['creates', 'searches', 'triggers'] as const) {
      for (const action of Object.values((App as unknown as Record<string, Record<string, never>>)[kind] ?? {})) {
        const { key, display, operation } = action as {
          key: string;
          display: { description: string };
          operation: { inputFields?: unknown };
        };
        // API Request's Path field takes an API path: there, paths are the user's words.
        const allowed = key === 'api_request' ? API_PATH_WORDS : [];
        texts.push({ text: display.description, allowed });
        for (const field of fields(operation.inputFields))
          if (field.helpText) texts.push({ text: field.helpText, allowed });
      }
    }
    for (const field of fields(App.authentication?.fields))
      if (field.helpText) texts.push({ text: field.helpText, allowed: [] });
    expect(texts.length).toBeGreaterThan(50);
    for (const { text, allowed } of texts) expectZapierWords(text, allowed);
  });
});

describe('help texts say a rule once and show defaults as the Zap editor shows values', () => {
  const story = (key: string): string =>
    String(
      (App.creates!.create_story_video!.operation.inputFields as { key: string; helpText?: string }[]).find(
        (f) => f.key === key,
      )?.helpText,
    );

  it('an enum default by its option label, a boolean default as Yes/No', () => {
    const style = (App.creates!.create_story_video!.operation.inputFields as { key: string; helpText?: string }[]).find(
      (f) => f.key === 'script.visual_style_preset',
    )!.helpText!;
    expect(style).toContain('default Semi Realistic Painterly');
    expect(style).not.toContain('semi_realistic_painterly');
    expect(story('preview_only')).toContain('Rules: default No.');
  });

  it('a condition the description states is said once, in the rules', () => {
    const reuse = story('script.reuse_characters_from_video_id');
    expect(reuse.match(/required when/gi)).toHaveLength(1);
    expect(reuse).toContain('(the dropdown lists them)');
  });
});
