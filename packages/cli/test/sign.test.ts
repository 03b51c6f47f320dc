/**
 * `trending sign` against signatures computed once with
 *   printf '%s.' "$TS" | cat - body | openssl dgst -sha256 -hmac "$SECRET"
 * (constants rather than a live openssl call, so the test does not depend on CI having openssl).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, json, runCli } from './helpers';

const SECRET = 'whsec_cli_sign_test_0f3a';
const TS = '1767225600';

const CASES: { name: string; body: Buffer; openssl: string }[] = [
  {
    name: 'a compact JSON trigger body',
    body: Buffer.from('{"video_type":"story","prompt":"A short scary story about a hotel keycard."}'),
    openssl: '513bb8810a5bf49f49afe96d5a6ef38d845b9aaabd18f55724766311b618d02b',
  },
  {
    name: 'non-ASCII UTF-8 (curly quote, accents, CJK, emoji)',
    body: Buffer.from('{"prompt":"Une histoire d’été 日本 🎬"}', 'utf8'),
    openssl: 'de818163630c1bc6f6ef53929fd41e6dbdf7cd6f8adc18dd6a8e58fb8c13d3ac',
  },
  {
    name: 'whitespace, a tab and two trailing newlines',
    body: Buffer.from('  {\n\t"prompt" : "spaced"  }\n\n'),
    openssl: 'b553308bad12d77874bb1996af276b724854b8c50a5d7feb19276010d2c3980f',
  },
  {
    name: 'CRLF line ends and surrounding spaces',
    body: Buffer.from(' \r\n{"a":1}\r\n '),
    openssl: '05db08b990b449e8cb9b81be98aec4f615543de76b7ae1ca4894d59cbb86f285',
  },
  {
    name: 'an empty body',
    body: Buffer.alloc(0),
    openssl: 'e94349deff55dfb00eec1086818eccd01d48c718fee69403d89219abce44421f',
  },
];

const dir = mkdtempSync(join(tmpdir(), 'trending-sign-'));

beforeAll(() => ensureBuilt());

describe('trending sign', () => {
  it.each(CASES)('matches openssl for $name, from a file and from stdin', async ({ body, openssl }) => {
    const file = join(dir, `${openssl.slice(0, 8)}.json`);
    writeFileSync(file, body);
    const fromFile = await runCli(['sign', '--secret', SECRET, '--timestamp', TS, '--file', file], {
      secrets: [SECRET],
    });
    expect(fromFile).toMatchObject({ code: 0, stdout: `sha256=${openssl}\n` });
    const fromStdin = await runCli(['sign', '--timestamp', TS], {
      input: body,
      env: { TRENDING_TRIGGER_SECRET: SECRET },
      secrets: [SECRET],
    });
    expect(fromStdin).toMatchObject({ code: 0, stdout: `sha256=${openssl}\n` });
  });

  it('signs the trailing newlines too: the same text without them has another signature', async () => {
    const file = join(dir, 'stripped.json');
    writeFileSync(file, '  {\n\t"prompt" : "spaced"  }');
    const result = await runCli(['sign', '--secret', SECRET, '--timestamp', TS, '--file', file]);
    expect(result.stdout).toBe('sha256=8d6196f3cf02795f676ddd950b0227e48ba701d9e2b65d24eb6178056ce2dec9\n');
  });

  it('matches openssl for a non-ASCII secret', async () => {
    const result = await runCli(['sign', '--secret', 'sécret ✓ key', '--timestamp', TS], { input: CASES[0]!.body });
    expect(result.stdout).toBe('sha256=52c11039376d99346e07e3e61b711c7299d26d7b538ee4d0d0b0e4ac3c016493\n');
  });

  it('defaults the timestamp to now and says which one it signed', async () => {
    const before = Math.floor(Date.now() / 1000);
    const result = await runCli(['sign', '--secret', SECRET, '--json'], { input: '{}', secrets: [SECRET] });
    const { timestamp, signature, bytes } = json<{ timestamp: string; signature: string; bytes: number }>(result);
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(timestamp)).toBeLessThanOrEqual(before + 5);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(bytes).toBe(2);
  });

  it('is a usage error (exit 2) without a secret or with a millisecond timestamp', async () => {
    expect((await runCli(['sign'], { input: '{}' })).code).toBe(2);
    const ms = await runCli(['sign', '--secret', SECRET, '--timestamp', '1767225600000.5'], {
      input: '{}',
      secrets: [SECRET],
    });
    expect(ms.code).toBe(2);
    expect(ms.stderr).toContain('Unix seconds');
  });
});
