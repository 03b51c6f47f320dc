/**
 * The helper actions' inputs come from core's helper catalogue (as n8n's do): labels, types, choices and rules are
 * core's, so the app promises no limit core does not know, and the input keys saved Zaps use stay as they were.
 */
import {
  FAVORITE_FIELDS,
  LIST_SCRIPT_FIELDS,
  LIST_SCRIPT_LINE_FIELDS,
  LIST_SCRIPT_WRITE_FIELDS,
  REFERENCE_IMAGE_FIELDS,
  REFERENCE_IMAGE_URL_FIELDS,
  TEMPLATES,
  TEMPLATE_IDS,
  type HelperFieldSpec,
} from '@trending/core';
import type { PlainInputField } from 'zapier-platform-core';
import { helperField } from '../src/helper-fields';
import { App } from './support/harness';

const inputs = (key: string) => App.creates![key]!.operation.inputFields as PlainInputField[];
const keysOf = (fields: PlainInputField[]): string[] =>
  fields.flatMap((f) => [f.key, ...(f.children ?? []).map((c) => `${f.key}[]${c.key}`)]);
const spec = (fields: readonly HelperFieldSpec[], path: string) => fields.find((f) => f.path === path)!;

describe('helper action inputs from core', () => {
  it('keep the input keys saved Zaps use', () => {
    expect(keysOf(inputs('update_list_script'))).toEqual([
      'video_id',
      'intro',
      'lines',
      'lines[]text',
      'lines[]type',
      'expected_updated_at',
      'reset_audio',
    ]);
    expect(keysOf(inputs('upload_story_reference_image'))).toEqual(['file', 'source_url', 'name']);
    expect(keysOf(inputs('favorite_voice_actor'))).toEqual(['voice_actor_id', 'favorite', 'template']);
  });

  it('keep the types saved Zaps were built with (a multi-line box for the intro and line text)', () => {
    const list = inputs('update_list_script');
    expect(list.map((f) => f.type)).toEqual(['integer', 'text', undefined, 'string', 'boolean']);
    expect(list[2]!.children!.map((c) => c.type)).toEqual(['text', 'string']);
    expect(inputs('upload_story_reference_image').map((f) => f.type)).toEqual(['file', 'string', 'string']);
    expect(inputs('favorite_voice_actor').map((f) => f.type)).toEqual(['integer', 'boolean', 'string']);
  });

  it("take labels and descriptions from core's catalogue", () => {
    const pairs: [PlainInputField, HelperFieldSpec][] = [
      [inputs('update_list_script')[1]!, spec(LIST_SCRIPT_FIELDS, 'intro')],
      [inputs('update_list_script')[4]!, spec(LIST_SCRIPT_WRITE_FIELDS, 'reset_audio')],
      [inputs('upload_story_reference_image')[1]!, spec(REFERENCE_IMAGE_URL_FIELDS, 'source_url')],
      [inputs('upload_story_reference_image')[2]!, spec(REFERENCE_IMAGE_FIELDS, 'name')],
      [inputs('favorite_voice_actor')[1]!, spec(FAVORITE_FIELDS, 'favorite')],
      [inputs('favorite_voice_actor')[2]!, spec(FAVORITE_FIELDS, 'template')],
    ];
    for (const [field, catalogue] of pairs) {
      expect(field.label).toBe(catalogue.label);
      expect(field.helpText).toContain(catalogue.description);
    }
  });

  it('promise no limit core does not know: the 500-character limit is gone, the line rules are core’s', () => {
    const lines = inputs('update_list_script').find((f) => f.key === 'lines')!;
    const texts = [...inputs('update_list_script'), ...lines.children!].map((f) => f.helpText ?? '');
    expect(texts.join(' ')).not.toMatch(/500/);
    const text = lines.children!.find((c) => c.key === 'text')!;
    expect(text.helpText).toContain(`Rules: at least ${spec(LIST_SCRIPT_LINE_FIELDS, 'text').min} characters.`);
    expect(lines.children!.find((c) => c.key === 'type')).toMatchObject({
      choices: [
        { value: 'item', label: 'Item', sample: 'item' },
        { value: 'cta', label: 'CTA', sample: 'cta' },
      ],
      helpText: expect.stringContaining('Rules: default Item.'),
    });
  });

  it('offer the narrated templates by name, as core lists them', () => {
    const narrated = TEMPLATE_IDS.filter((id) => TEMPLATES[id].narrated);
    expect(inputs('favorite_voice_actor')[2]!.choices).toEqual(
      narrated.map((id) => ({ value: id, label: TEMPLATES[id].label, sample: id })),
    );
  });

  it('a field core does not have is a programming error, caught when the app loads', () => {
    expect(() => helperField(LIST_SCRIPT_FIELDS, 'outro')).toThrow("core's helper catalogue has no field outro");
  });
});
