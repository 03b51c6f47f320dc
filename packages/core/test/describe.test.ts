import { describe, expect, it } from 'vitest';
import { conditionText, fieldRules, findField, optionLabel } from '../src';

describe('optionLabel', () => {
  it.each([
    ['semi_realistic_painterly', 'Semi Realistic Painterly'],
    ['3d_animated', '3D Animated'],
    ['low_poly_3d', 'Low Poly 3D'],
    ['asmr', 'ASMR'],
    ['boss_text', 'Boss Text'],
  ])('%s -> %s', (value, label) => expect(optionLabel(value)).toBe(label));
});

describe('fieldRules', () => {
  it('says range, conditional range and default of Story slides', () => {
    const field = findField('story', 'script.images_requested')!;
    expect(fieldRules(field)).toEqual(['10 to 30', '2 to 30 when preview_only is true', 'default 12']);
  });

  it('names conditions with the caller’s labels', () => {
    const field = findField('story', 'script.visual_style_custom')!;
    const rules = fieldRules(field, { name: () => 'Visual Style' });
    expect(rules).toContain('at most 240 characters');
    expect(rules).toContain('used only when Visual Style is custom');
    expect(rules).toContain('required when Visual Style is custom');
  });

  it('describes item shapes and presence conditions', () => {
    expect(fieldRules(findField('story', 'script.reference_images')!)).toContain(
      'each item has asset_id or story_id + run_id',
    );
    expect(conditionText({ path: 'script.category', present: true })).toBe('script.category is set');
  });
});
