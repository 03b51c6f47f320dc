/** Top-level keys no template documents: sent, never refused, and warned about with the nearest documented key. */
import { checkCreateRequest, checkTriggerRequest } from '../src/validation';
import { editDistance, nearestName } from '../src/validation/undocumented';

describe('nearest documented field', () => {
  it('counts edits', () => {
    expect(editDistance('promt', 'prompt')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('suggests the closest candidate within a third of the length, and nothing when every one is far off', () => {
    const known = ['prompt', 'name', 'preview_only', 'webhook', 'music'];
    expect(nearestName('promt', known)).toBe('prompt');
    expect(nearestName('Prompt', known)).toBe('prompt');
    expect(nearestName('preview_onyl', known)).toBe('preview_only');
    expect(nearestName('xyzzy', known)).toBeUndefined();
  });
});

describe('checkCreateRequest: undocumented keys', () => {
  it('warns about each top-level key no template documents, naming the nearest, and refuses nothing for it', () => {
    const check = checkCreateRequest('story', { prompt: 'A short story about a lighthouse.', promt: 'y', banana: 1 });
    expect(check.violations).toEqual([]);
    expect(check.warnings.filter((w) => w.rule === 'undocumented')).toEqual([
      {
        path: 'promt',
        rule: 'undocumented',
        message:
          'promt is not a field any template documents (did you mean prompt?); it is sent as is and the API may ignore it',
        suggestion: 'prompt',
      },
      {
        path: 'banana',
        rule: 'undocumented',
        message: 'banana is not a field any template documents; it is sent as is and the API may ignore it',
      },
    ]);
  });

  it("draws no such warning for another template's key (that has its own) or a trigger's own keys", () => {
    const story = checkCreateRequest('story', { prompt: 'A short story about a lighthouse.', webhook: {} });
    expect(story.warnings.filter((w) => w.rule === 'undocumented')).toEqual([]);
    const trigger = checkTriggerRequest({
      video_type: 'rants',
      idempotency_key: 'k-1',
      api_key: 'test-key',
      prompt: 'Why do printers jam?',
    });
    expect(trigger.warnings.filter((w) => w.rule === 'undocumented')).toEqual([]);
    expect(checkTriggerRequest({ video_type: 'rants', vidoe_type: 'x' }).warnings.map((w) => w.message)).toContain(
      'vidoe_type is not a field any template documents (did you mean video_type?); it is sent as is and the API may ignore it',
    );
  });
});
