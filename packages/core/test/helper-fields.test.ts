import { describe, expect, it } from 'vitest';
import * as core from '../src';
import { TEMPLATES } from '../src/catalogue';
import type { HelperFieldSpec } from '../src/catalogue/types';

const HELPER_TYPES = ['string', 'integer', 'number', 'boolean', 'enum', 'string[]', 'integer[]', 'object[]'];

const SETS: Record<string, readonly HelperFieldSpec[]> = {
  OUTRO_UPDATE_FIELDS: core.OUTRO_UPDATE_FIELDS,
  SLIDE_ANIMATION_FIELDS: core.SLIDE_ANIMATION_FIELDS,
  REFERENCE_IMAGE_URL_FIELDS: core.REFERENCE_IMAGE_URL_FIELDS,
  LIBRARY_TARGET_FIELDS: core.LIBRARY_TARGET_FIELDS,
  LIBRARY_VIDEO_URL_FIELDS: core.LIBRARY_VIDEO_URL_FIELDS,
  COVERAGE_FIELDS: core.COVERAGE_FIELDS,
  FAVORITE_FIELDS: core.FAVORITE_FIELDS,
  LIST_SCRIPT_FIELDS: core.LIST_SCRIPT_FIELDS,
  LIST_SCRIPT_LINE_FIELDS: core.LIST_SCRIPT_LINE_FIELDS,
  LIST_SCRIPT_WRITE_FIELDS: core.LIST_SCRIPT_WRITE_FIELDS,
  LIST_CTA_FIELDS: core.LIST_CTA_FIELDS,
};

function byPath(fields: readonly HelperFieldSpec[]): Record<string, HelperFieldSpec> {
  return Object.fromEntries(fields.map((f) => [f.path, f]));
}

describe('helper-endpoint fields (catalogue data faces derive their inputs from)', () => {
  it.each(Object.entries(SETS))('%s: every field has a label, a description and a known type', (_name, fields) => {
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) {
      expect(field.label).toMatch(/^[A-Z0-9]/);
      expect(field.description.length).toBeGreaterThan(10);
      expect(HELPER_TYPES).toContain(field.type);
      if (field.type === 'enum') expect(field.options?.length).toBeGreaterThan(0);
      if (field.default !== undefined && field.options) expect(field.options).toContain(field.default);
    }
    expect(new Set(fields.map((f) => f.path)).size).toBe(fields.length);
  });

  it('is frozen, like the template catalogue', () => {
    for (const fields of Object.values(SETS)) {
      expect(Object.isFrozen(fields)).toBe(true);
      for (const field of fields) expect(Object.isFrozen(field)).toBe(true);
    }
    expect(Object.isFrozen(core.UPLOAD_PROFILES)).toBe(true);
    expect(Object.isFrozen(core.LIBRARY_VIDEO_FILE.extensions)).toBe(true);
  });

  it("outro update: text max 900, speaker max 120 (the create body's script.outro), slide index >= 0, at most 4 attachments", () => {
    const outro = byPath(core.OUTRO_UPDATE_FIELDS);
    expect(Object.keys(outro)).toEqual([
      'enabled',
      'text',
      'speaker',
      'image_prompt',
      'reference_slide_index',
      'attachment_asset_ids',
    ]);
    const story = byPath(TEMPLATES.story.fields);
    expect(outro.text).toMatchObject({ type: 'string', max: story['script.outro.text']?.max });
    expect(outro.text?.max).toBe(900);
    expect(outro.speaker).toMatchObject({ type: 'string', max: 120 });
    expect(outro.reference_slide_index).toMatchObject({ type: 'integer', min: 0 });
    expect(outro.attachment_asset_ids).toMatchObject({ type: 'integer[]', max: 4, source: 'referenceImages' });
    expect(outro.text?.advanced).toBeUndefined();
  });

  it('uploads, slide animations, List script lines and CTAs', () => {
    expect(core.UPLOAD_PROFILES).toEqual(['background', 'ranking']);
    expect(byPath(core.LIBRARY_TARGET_FIELDS).upload_profile?.options).toBe(core.UPLOAD_PROFILES);
    expect(core.REFERENCE_IMAGE_FILE.maxBytes).toBe(3 * 1024 * 1024);
    expect(core.LIBRARY_VIDEO_FILE).toMatchObject({ extensions: ['mp4', 'mov', 'webm', 'm4v'], maxBytes: 209_715_200 });
    expect(byPath(core.SLIDE_ANIMATION_FIELDS).slide_index).toMatchObject({ type: 'integer', min: 0, required: true });
    expect(core.LIST_SCRIPT_LINE_TYPES).toEqual(['item', 'cta']);
    expect(byPath(core.LIST_SCRIPT_FIELDS).lines?.items).toBe(core.LIST_SCRIPT_LINE_FIELDS);
    expect(core.LIST_CTA_MODES).toEqual(['suggest', 'apply']);
    expect(core.LIST_CTA_PLACEMENTS).toEqual(['end', 'start', 'middle']);
    expect(byPath(core.LIST_CTA_FIELDS).mode).toMatchObject({ options: core.LIST_CTA_MODES, required: true });
    expect(byPath(core.COVERAGE_FIELDS).template?.options).not.toContain('story');
    expect(byPath(core.FAVORITE_FIELDS).template?.options).not.toContain('ranking');
  });

  it('fieldRules describes helper fields too', () => {
    expect(core.fieldRules(byPath(core.OUTRO_UPDATE_FIELDS).attachment_asset_ids!)).toEqual(['at most 4 items']);
    expect(core.fieldRules(byPath(core.LIST_CTA_FIELDS).placement!)).toEqual([
      'one of end, start, middle',
      'default end',
    ]);
  });
});
