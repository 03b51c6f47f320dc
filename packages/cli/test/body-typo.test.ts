/** `--body` typos: core's warning naming the nearest documented field, in the CLI's words; never a refusal. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runCli, startTestSim, type TestSim } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'trending-suggest-'));

describe('trending create --body with a typo', () => {
  let sim: TestSim;
  beforeAll(async () => {
    ensureBuilt();
    sim = await startTestSim();
  });
  afterAll(() => sim.handle.close());

  it('prints "did you mean prompt?" on stderr naming --body promt, and is not refused for it', async () => {
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ prompt: 'A short scary story about a hotel keycard.', promt: 'oops' }));
    const result = await runCli(['create', 'story', '--body', file], { env: sim.env, secrets: sim.secrets });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /^warning: --body promt is not a field any template documents \(did you mean prompt\?\); it is sent as is/m,
    );
    expect(result.stderr.match(/promt/g)).toHaveLength(1);
    expect(result.stdout).toMatch(/^video_id: \d+/m);
  });
});
