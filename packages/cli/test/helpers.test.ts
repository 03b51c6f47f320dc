/** The test helpers themselves: a leaked secret must fail the run at once, with the reason. */
import { ensureBuilt, runCli } from './helpers';

beforeAll(() => ensureBuilt());

describe('runCli', () => {
  it('rejects with the reason when the command prints a secret, instead of hanging until the timeout', async () => {
    // `--version` prints 0.1.0: treated as a secret here, it must make the run reject.
    await expect(runCli(['--version'], { secrets: ['0.1.0'] })).rejects.toThrow(/a secret was printed: "0\.1"/);
  }, 10_000);

  it('resolves with the output when nothing secret was printed', async () => {
    const result = await runCli(['--version'], { secrets: ['whsec_never_printed'] });
    expect(result).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });
});
