/**
 * Secrets in the CLI: taken exactly as given (a padded one is warned about, never trimmed), kept out of output by
 * building it without them, so that a short or common secret cannot corrupt what is printed or journaled, and never
 * printed from an API answer that echoes them.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signWebhookDelivery } from '@trending/core';
import { ensureBuilt, json, runCli, startTestSim, type TestSim } from './helpers';

const TS = '1767225600';
const BODY = '{"video_type":"story","prompt":"A short scary story about a hotel keycard."}';
const PAYLOAD = JSON.stringify({ event: 'trending.story.v001.completed', video_id: 10001, status: 'completed' });
const dir = mkdtempSync(join(tmpdir(), 'trending-secrets-'));

const hmac = (secret: string, text: string) => `sha256=${createHmac('sha256', secret).update(text).digest('hex')}`;

beforeAll(() => ensureBuilt());

describe('short or common secrets do not corrupt output', () => {
  it('trending sign --secret a prints the right signature', async () => {
    const result = await runCli(['sign', '--secret', 'a', '--timestamp', TS], { input: BODY });
    expect(result).toMatchObject({ code: 0, stdout: `${hmac('a', `${TS}.${BODY}`)}\n` });
  });

  it('a webhook secret "trending" leaves event names intact, in text and in JSON', async () => {
    const headers = signWebhookDelivery('trending', Date.now(), PAYLOAD);
    const args = [
      'webhook',
      'verify',
      '--timestamp',
      headers['x-trending-timestamp']!,
      '--signature',
      headers['x-trending-signature-v1']!,
    ];
    const text = await runCli([...args, '--secret', 'trending'], { input: PAYLOAD });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('valid: trending.story.v001.completed (v1)');
    const data = await runCli([...args, '--json'], { input: PAYLOAD, env: { TRENDING_WEBHOOK_SECRET: 'trending' } });
    expect(json(data)).toMatchObject({ valid: true, event: 'trending.story.v001.completed' });
  });
});

describe('the trigger send journal', () => {
  let sim: TestSim;
  beforeAll(async () => (sim = await startTestSim()));
  afterAll(() => sim.handle.close());

  it('is written as is (a webhook secret "story" leaves the template intact) and holds no secret', async () => {
    const rows = join(dir, 'story.csv');
    writeFileSync(rows, 'template,prompt\nstory,A short story about a lighthouse keeper\n');
    const result = await runCli(['trigger', 'send', '--rows', rows, '--webhook-url', 'http://127.0.0.1:9/hook'], {
      env: { ...sim.env, TRENDING_WEBHOOK_SECRET: 'story' },
      secrets: sim.secrets,
    });
    expect(result.code, result.stderr).toBe(0);
    const journal = readFileSync(`${rows}.journal.jsonl`, 'utf8');
    expect(JSON.parse(journal)).toMatchObject({ status: 'accepted', template: 'story' });
    expect(journal).not.toContain('REDACTED');
    for (const secret of sim.secrets) expect(journal).not.toContain(secret);
  });
});

describe('secrets are taken exactly as given', () => {
  const PADDED = ' whsec_padded_secret_77f0 ';

  it('webhook verify accepts a delivery signed with the padded secret, and warns naming the flag', async () => {
    const headers = signWebhookDelivery(PADDED, Date.now(), PAYLOAD);
    const result = await runCli(
      [
        'webhook',
        'verify',
        '--secret',
        PADDED,
        '--timestamp',
        headers['x-trending-timestamp']!,
        '--signature',
        headers['x-trending-signature-v1']!,
      ],
      { input: PAYLOAD, secrets: [PADDED.trim()] },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^warning: --secret starts or ends with whitespace/m);
  });

  it('sign signs with the padded secret and warns; an unpadded secret draws no warning', async () => {
    const padded = await runCli(['sign', '--timestamp', TS], {
      input: BODY,
      env: { TRENDING_TRIGGER_SECRET: PADDED },
      secrets: [PADDED.trim()],
    });
    expect(padded.stdout).toBe(`${hmac(PADDED, `${TS}.${BODY}`)}\n`);
    expect(padded.stderr).toMatch(/warning: --secret \(TRENDING_TRIGGER_SECRET\) starts or ends with whitespace/);
    const plain = await runCli(['sign', '--secret', PADDED.trim(), '--timestamp', TS], { input: BODY });
    expect(plain.stderr).toBe('');
  });
});

describe('status --json and abort --json against an API that echoes credentials', () => {
  let server: Server;
  let baseUrl: string;
  const ECHOED = {
    request_id: 'req_echo_1',
    video_id: 4242,
    status: 'aborted',
    template: 'story',
    webhook: {
      enabled: true,
      url: 'https://hooks.example.com/in?token=resume_tok_123#frag',
      secret: 'shh',
      events: ['*'],
    },
    api_key: 'sk_live_echoed_key_value_0001',
    assets: { nested: { authorization: 'Bearer sk_live_echoed_key_value_0001', kept: 'yes' } },
  };

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ECHOED));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(['status', 'abort'])(
    '%s --json prints no secret, api_key or authorization, and no webhook URL query',
    async (command) => {
      const result = await runCli([command, 'story', '4242', '--json'], {
        env: { TRENDING_BASE_URL: baseUrl, TRENDING_API_KEY: 'sk_test_cli_key_not_echoed_9' },
        secrets: ['sk_live_echoed_key_value_0001', 'resume_tok_123', 'sk_test_cli_key_not_echoed_9'],
      });
      expect(result.code, result.stderr).toBe(0);
      const data = json(result);
      expect(result.stdout).not.toMatch(/"secret"|"api_key"|"authorization"|shh/);
      expect(data).toMatchObject({
        video_id: 4242,
        webhook: { enabled: true, url: 'https://hooks.example.com/in', events: ['*'] },
        assets: { nested: { kept: 'yes' } },
      });
    },
  );
});
