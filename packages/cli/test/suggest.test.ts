/** `--body` typos: a warning naming the nearest documented field, never a refusal. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentedTopLevelKeys, editDistance, nearestName, unknownKeyWarnings } from '../src/suggest';
import { ensureBuilt, runCli, startTestSim, type TestSim } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'trending-suggest-'));

describe('nearest documented field', () => {
  it('counts edits', () => {
    expect(editDistance('promt', 'prompt')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('suggests the closest documented key, and nothing when every key is far off', () => {
    const known = documentedTopLevelKeys();
    expect(known).toEqual(expect.arrayContaining(['prompt', 'name', 'preview_only', 'webhook', 'music']));
    expect(nearestName('promt', known)).toBe('prompt');
    expect(nearestName('Prompt', known)).toBe('prompt');
    expect(nearestName('preview_onyl', known)).toBe('preview_only');
    expect(nearestName('xyzzy', known)).toBeUndefined();
  });

  it('warns only about keys no template documents', () => {
    const warnings = unknownKeyWarnings({ prompt: 'x', promt: 'y', webhook: {}, banana: 1 }, documentedTopLevelKeys());
    expect(warnings).toEqual([
      expect.stringMatching(/^--body promt: did you mean prompt\? no template documents this field/),
      expect.stringMatching(/^--body banana: no template documents this field/),
    ]);
  });
});

describe('trending create --body with a typo', () => {
  let sim: TestSim;
  beforeAll(async () => {
    ensureBuilt();
    sim = await startTestSim();
  });
  afterAll(() => sim.handle.close());

  it('prints "promt: did you mean prompt?" on stderr naming --body, and is not refused for it', async () => {
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ prompt: 'A short scary story about a hotel keycard.', promt: 'oops' }));
    const result = await runCli(['create', 'story', '--body', file], { env: sim.env, secrets: sim.secrets });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^warning: --body promt: did you mean prompt\?/m);
    expect(result.stdout).toMatch(/^video_id: \d+/m);
  });
});
