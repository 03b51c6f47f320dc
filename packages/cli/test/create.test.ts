/** `trending create` and the lifecycle commands, as a user runs them, against the simulator. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATES, TEMPLATE_IDS, fieldRules } from '@trending/core';
import { ensureBuilt, json, runCli, startCli, startTestSim, type TestSim } from './helpers';

let sim: TestSim;
const dir = mkdtempSync(join(tmpdir(), 'trending-create-'));
const FAST = ['--poll-interval', '0.1', '--timeout', '60'];
const run = (args: string[], input?: string) => runCli(args, { env: sim.env, secrets: sim.secrets, input });

beforeAll(async () => {
  ensureBuilt();
  sim = await startTestSim();
});
afterAll(() => sim.handle.close());

interface Created {
  video_id: number;
  status: string;
  idempotency_key: string;
  idempotency_key_source: string;
  file?: { path: string; bytes: number };
}

describe('trending create --download', () => {
  it.each(TEMPLATE_IDS)('creates, waits for and downloads a %s video as an MP4', async (template) => {
    const file = join(dir, `${template}.mp4`);
    const result = await run([
      'create',
      template,
      '--prompt',
      `A video about ${template} things`,
      '--download',
      file,
      ...FAST,
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const created = json<Created>(result);
    expect(created).toMatchObject({ status: 'completed', file: { path: file } });
    const bytes = readFileSync(file);
    expect(bytes.length).toBe(created.file!.bytes);
    // An MP4 starts with a box whose type (bytes 4..8) is ftyp.
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
  });
});

describe('trending create', () => {
  it('prints the video id and the derived key; the same command again returns the same video', async () => {
    const args = [
      'create',
      'story',
      '--prompt',
      'A lighthouse keeper hears a knock',
      '--set',
      'script.images_requested=14',
    ];
    const first = await run(args);
    expect(first.code, first.stderr).toBe(0);
    const id = /^video_id: (\d+)$/m.exec(first.stdout)?.[1];
    expect(id).toBeDefined();
    expect(first.stderr).toMatch(/Idempotency-Key [0-9a-f-]{36} \(derived from the request/);
    const before = (sim.handle.state().videos as unknown[]).length;
    // Flag order does not change the request, so it does not change the key either.
    const again = await run([
      'create',
      'story',
      '--set',
      'script.images_requested=14',
      '--prompt',
      'A lighthouse keeper hears a knock',
    ]);
    expect(/^video_id: (\d+)$/m.exec(again.stdout)?.[1]).toBe(id);
    expect((sim.handle.state().videos as unknown[]).length).toBe(before);
  });

  it('derives the key from the video asked for: a changed webhook URL or secret is the same video, a changed prompt is not', async () => {
    const args = (prompt: string, hook: string, secret: string) =>
      runCli(['create', 'rants', '--prompt', prompt, '--webhook-url', hook, '--json'], {
        env: { ...sim.env, TRENDING_WEBHOOK_SECRET: secret },
        secrets: [...sim.secrets, secret],
      });
    const first = json<Created>(
      await args('A rant about tunnels that change address', 'https://a.example/hook', 'whsec_cli_key_a_5e1f'),
    );
    // A re-run after the tunnel (and its secret) changed: still the video already made, not a second charge.
    const moved = json<Created>(
      await args('A rant about tunnels that change address', 'https://b.example/hook', 'whsec_cli_key_b_77c0'),
    );
    expect(moved.idempotency_key).toBe(first.idempotency_key);
    expect(moved.video_id).toBe(first.video_id);
    const other = json<Created>(
      await args('A rant about tunnels that change their minds', 'https://a.example/hook', 'whsec_cli_key_a_5e1f'),
    );
    expect(other.idempotency_key).not.toBe(first.idempotency_key);
    expect(other.video_id).not.toBe(first.video_id);
  });

  it('reads the base URL as core does: a trailing slash is the same API, a URL that is not http(s) is a usage error', async () => {
    const slash = await runCli(['create', 'rants', '--prompt', 'A rant about trailing slashes', '--json'], {
      env: { ...sim.env, TRENDING_BASE_URL: `${sim.handle.url}/` },
      secrets: sim.secrets,
    });
    expect(slash.code, slash.stderr).toBe(0);
    const bad = await runCli(['status', 'rants', '1', '--base-url', 'ftp://example.com'], {
      env: sim.env,
      secrets: sim.secrets,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --base-url \/ TRENDING_BASE_URL: base URL must start with https:\/\//m);
    const help = await run(['--help']);
    expect(help.stdout).toMatch(/--base-url <url>\s+API base URL \(default https:\/\/trending\.com;/);
  });

  it('sends the key given with --idempotency-key and says so', async () => {
    const result = await run([
      'create',
      'rants',
      '--prompt',
      'A rant about slow elevators',
      '--idempotency-key',
      'my-key-0001',
      '--json',
    ]);
    expect(json<Created>(result)).toMatchObject({ idempotency_key: 'my-key-0001', idempotency_key_source: 'flag' });
    const video = (sim.handle.state().videos as { video_id: number; idempotency_key: string }[]).find(
      (v) => v.video_id === json<Created>(result).video_id,
    );
    expect(video?.idempotency_key).toBe('my-key-0001');
  });

  it('builds the body from --body, --set and the named flags, coerced to the catalogue types', async () => {
    const bodyFile = join(dir, 'body.json');
    writeFileSync(bodyFile, JSON.stringify({ prompt: 'overridden by --prompt', script: { item_count: 3 } }));
    const result = await run([
      'create',
      'list',
      '--body',
      bodyFile,
      '--prompt',
      'Ten facts about owls',
      '--preview',
      '--set',
      'script.include_ai_ctas=no',
      '--set',
      'music.volume_percent=35',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const { video_id } = json<Created>(result);
    const status = json(await run(['status', 'list', String(video_id), '--json']));
    expect(status).toMatchObject({ video_id, preview_only: true });
  });

  it('sets up a signed webhook from --webhook-url and TRENDING_WEBHOOK_SECRET without printing the secret', async () => {
    const secret = 'whsec_cli_create_hook_91b2';
    const result = await runCli(
      [
        'create',
        'confession',
        '--prompt',
        'I ate the last slice',
        '--webhook-url',
        'http://127.0.0.1:9/hook',
        '--events',
        'trending.*.v001.completed',
        '--json',
      ],
      { env: { ...sim.env, TRENDING_WEBHOOK_SECRET: secret }, secrets: [...sim.secrets, secret] },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(json<{ created: { webhook: unknown } }>(result).created.webhook).toMatchObject({
      enabled: true,
      url: 'http://127.0.0.1:9/hook',
      events: ['trending.*.v001.completed'],
    });
  });

  it('validates before sending: exit 1 with every violation, and nothing reaches the API', async () => {
    const before = sim.handle.requests().length;
    const result = await run([
      'create',
      'story',
      '--prompt',
      'tiny',
      '--set',
      'script.images_requested=5',
      '--set',
      'script.visual_style_preset=vaporwave',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('validation_failed');
    expect(result.stderr).toContain('script.images_requested');
    expect(result.stderr).toContain('script.visual_style_preset');
    expect(result.stderr).toContain('prompt');
    expect(sim.handle.requests().length).toBe(before);
  });

  it('exits 1 with a typed error for a value that is not the field type', async () => {
    const result = await run(['create', 'story', '--set', 'script.images_requested=twelve', '--json']);
    expect(result.code).toBe(1);
    expect(json<{ error: { code: string; message: string } }>(result).error).toMatchObject({
      code: 'validation_failed',
    });
  });

  it('exits 2 for usage errors: an unknown template, an unknown field, a malformed --set, no API key', async () => {
    expect((await run(['create', 'podcast'])).code).toBe(2);
    const unknown = await run(['create', 'ranking', '--set', 'script.no_such_field=12']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--set script.no_such_field is not a field of ranking or any other template');
    expect((await run(['create', 'story', '--set', 'prompt'])).code).toBe(2);
    const json2 = await run(['create', 'story', '--no-such-flag', '--json']);
    expect(json2.code).toBe(2);
    expect(json<{ error: { code: string; message: string } }>(json2).error).toMatchObject({
      code: 'usage_error',
      message: expect.stringContaining('--no-such-flag'),
    });
    const noKey = await runCli(['create', 'story'], { env: { TRENDING_BASE_URL: sim.handle.url } });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('TRENDING_API_KEY');
  });

  it('exits 1 with the API error, its hint and request id when the API refuses', async () => {
    const result = await runCli(['create', 'story', '--prompt', 'A starter plan story'], {
      env: { ...sim.env, TRENDING_API_KEY: sim.handle.keys.starter },
      secrets: [sim.handle.keys.starter],
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('membership_api_required');
    expect(result.stderr).toMatch(/^hint: /m);
    expect(result.stderr).toMatch(/^request_id: /m);
  });

  it("lists the template's fields with ranges, choices and defaults in --help", async () => {
    const help = await run(['create', 'story', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('script.images_requested');
    expect(help.stdout).toContain('integer; 10 to 30; 2 to 30 when preview_only is true; default 12');
    expect(help.stdout).toContain('one of semi_realistic_painterly, anime');
    expect(help.stdout).toContain('required when script.visual_style_preset is custom');
    // In core's words, the same as the n8n hints, Zapier's help and docs/fields.md.
    for (const field of TEMPLATES.story.fields) expect(help.stdout).toContain(fieldRules(field).join('; '));
    const list = await run(['create', 'list', '--help']);
    const listFields = list.stdout.slice(list.stdout.indexOf('Fields of List'));
    expect(listFields).toContain('script.item_count');
    expect(listFields).not.toContain('script.images_requested');
  });
});

describe('status, wait, render, abort, estimate, readiness, voices, folders', () => {
  it('renders a preview-only video and downloads it; a second render with the default key is the same render', async () => {
    const created = json<Created>(
      await run([
        'create',
        'story',
        '--prompt',
        'A preview first story',
        '--preview',
        '--set',
        'script.images_requested=2',
        '--json',
      ]),
    );
    const waited = await run(['wait', 'story', String(created.video_id), ...FAST, '--json']);
    expect(json(waited)).toMatchObject({ status: 'completed' });
    const file = join(dir, 'rendered.mp4');
    const rendered = await run(['render', 'story', String(created.video_id), '--download', file, ...FAST, '--json']);
    expect(rendered.code, rendered.stderr).toBe(0);
    expect(json(rendered)).toMatchObject({ status: 'completed', file: { path: file } });
    expect(readFileSync(file).subarray(4, 8).toString('latin1')).toBe('ftyp');
    const again = json<{ idempotency_key: string }>(await run(['render', 'story', String(created.video_id), '--json']));
    expect(again.idempotency_key).toBe(json<{ idempotency_key: string }>(rendered).idempotency_key);
  });

  it('aborts an active run, and wait then exits 3 saying it was aborted', async () => {
    sim.handle.configure({ speed: 1 });
    try {
      const created = json<Created>(
        await run(['create', 'didyouknow', '--prompt', 'Facts about octopus hearts', '--json']),
      );
      const aborted = await run(['abort', 'didyouknow', String(created.video_id)]);
      expect(aborted.code, aborted.stderr).toBe(0);
      const waited = await run(['wait', 'didyouknow', String(created.video_id), ...FAST]);
      expect(waited.code).toBe(3);
      expect(waited.stdout).toMatch(/^status: aborted$/m);
      expect(waited.stderr).toMatch(
        new RegExp(`^error: aborted: Video ${created.video_id} \\(didyouknow\\) was aborted`, 'm'),
      );
    } finally {
      sim.handle.configure({ speed: 2000 });
    }
  });

  it('times out a wait with exit 1 naming the video, which keeps running', async () => {
    sim.handle.configure({ speed: 1 });
    try {
      const created = json<Created>(await run(['create', 'ranking', '--prompt', 'Top five chases', '--json']));
      const waited = await run([
        'wait',
        'ranking',
        String(created.video_id),
        '--poll-interval',
        '0.1',
        '--timeout',
        '0.5',
        '--json',
      ]);
      expect(waited.code).toBe(1);
      expect(json<{ error: { code: string; message: string } }>(waited).error).toMatchObject({ code: 'wait_timeout' });
      expect(json(await run(['status', 'ranking', String(created.video_id), '--json']))).toMatchObject({
        status: expect.stringMatching(/queued|running/),
      });
    } finally {
      sim.handle.configure({ speed: 2000 });
    }
  });

  it('quotes credits and checks readiness (exit 1 when not ready)', async () => {
    const estimate = json<{ estimate: { total_credits: number } }>(
      await run(['estimate', 'story', '--set', 'script.images_requested=12', '--json']),
    );
    expect(estimate.estimate.total_credits).toBeGreaterThan(0);
    const ready = await run(['readiness', 'rants', '--prompt', 'A rant about printers']);
    expect(ready.code).toBe(0);
    expect(ready.stdout).toMatch(/^ready: yes/m);
    const poor = await runCli(['readiness', 'story', '--json'], {
      env: { ...sim.env, TRENDING_API_KEY: sim.handle.keys.poor },
      secrets: [sim.handle.keys.poor],
    });
    expect(poor.code).toBe(1);
    expect(json(poor)).toMatchObject({ ready: false, reason: 'insufficient_credits' });
  });

  it('lists voices and folders', async () => {
    const voices = await run(['voices']);
    expect(voices.code).toBe(0);
    expect(voices.stdout.split('\n')[0]).toMatch(/^id\s+name\s+gender\s+age\s+accent$/);
    const folders = json<{ items: { id: number }[] }>(await run(['folders', '--json']));
    expect(folders.items.length).toBeGreaterThan(0);
  });
});

describe('create: warnings, --max-credits, webhook URLs, aborted runs', () => {
  const created = () => (sim.handle.state().videos as unknown[]).length;

  it("prints core's warnings on stderr naming the flag (or the --body field), sends anyway, and leaves --json alone", async () => {
    const body = join(dir, 'warn-body.json');
    writeFileSync(body, JSON.stringify({ script: { visual_style_custom: 'ink wash' } }));
    const result = await run([
      'create',
      'story',
      '--prompt',
      'A clockmaker who repairs time',
      '--body',
      body,
      '--set',
      'music.volume_percent=150',
      '--set',
      'script.item_count=5',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(json<Created>(result).video_id).toEqual(expect.any(Number));
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning: '));
    expect(warnings).toEqual([
      'warning: --body script.visual_style_custom is ignored: it is only used when script.visual_style_preset is custom',
      'warning: --set music.volume_percent is 150, outside the usual 0 to 100; check it is the value you meant',
      'warning: --set script.item_count is not a story option (it belongs to list), so story may ignore it',
    ]);
  });

  it('--max-credits quotes first: above it nothing is created (exit 1, the estimate in the message); within it the video is made', async () => {
    const args = ['create', 'story', '--prompt', 'A story with thirty slides', '--set', 'script.images_requested=30'];
    const { estimate } = json<{ estimate: { total_credits: number } }>(
      await run(['estimate', 'story', ...args.slice(2), '--json']),
    );
    const before = created();
    const logged = sim.handle.requests().length;
    const refused = await run([...args, '--max-credits', String(estimate.total_credits - 1)]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `error: spend_limit_exceeded: This story video is estimated at ${estimate.total_credits} credits, above the maximum of ${estimate.total_credits - 1}`,
    );
    expect(refused.stderr).toMatch(/^hint: Raise --max-credits/m);
    expect(
      sim.handle
        .requests()
        .slice(logged)
        .map((r) => `${r.method} ${r.path}`),
    ).toEqual(['POST /api/v1/cost-estimate']);
    expect(created()).toBe(before);

    const allowed = await run([...args, '--max-credits', String(estimate.total_credits), '--json']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(created()).toBe(before + 1);

    const typo = await run([...args, '--max-credits', 'lots']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--max-credits expects a number of credits');
  });

  it('refuses a webhook URL Trending would reject before sending, naming --webhook-url; the simulator takes loopback', async () => {
    const production = { ...sim.env, TRENDING_BASE_URL: 'https://trending.com' };
    for (const url of [
      'http://127.0.0.1:8787/hook',
      'https://10.0.0.5/hook',
      'https://hooks.internal/x',
      'https://[::ffff:192.168.1.2]/h',
    ]) {
      const result = await runCli(
        ['create', 'rants', '--prompt', 'A rant about webhooks', '--webhook-url', url, '--json'],
        {
          env: production,
          secrets: sim.secrets,
        },
      );
      expect(result.code, url).toBe(1);
      const { error } = json<{ error: { code: string; message: string } }>(result);
      expect(error.code).toBe('validation_failed');
      expect(error.message).toMatch(/--webhook-url must be a public host/);
    }
    // Against the simulator (a loopback dev API) a loopback callback is fine.
    const local = await run([
      'create',
      'rants',
      '--prompt',
      'A rant about local hooks',
      '--webhook-url',
      'http://127.0.0.1:8787/hook',
    ]);
    expect(local.code, local.stderr).toBe(0);
  });

  it('create --wait reports a run aborted while it waits as aborted (exit 3), also with --json', async () => {
    sim.handle.configure({ speed: 1 });
    try {
      const before = created();
      const waiting = startCli(
        ['create', 'confession', '--prompt', 'I never returned the library book', '--wait', ...FAST, '--json'],
        { env: sim.env, secrets: sim.secrets },
      );
      let videoId: number | undefined;
      for (let i = 0; i < 200 && videoId === undefined; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const videos = sim.handle.state().videos as { video_id: number }[];
        if (videos.length > before) videoId = videos.at(-1)!.video_id;
      }
      expect(videoId).toBeDefined();
      expect((await run(['abort', 'confession', String(videoId)])).code).toBe(0);
      const result = await waiting.done;
      expect(result.code, result.stderr).toBe(3);
      expect(
        json<{ error: { code: string; message: string; details: { status: string } } }>(result).error,
      ).toMatchObject({
        code: 'aborted',
        message: expect.stringContaining(`Video ${videoId} (confession) was aborted before it completed`),
      });
    } finally {
      sim.handle.configure({ speed: 2000 });
    }
  });
});
