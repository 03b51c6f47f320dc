/**
 * What the node checks before it sends: core's warnings shown (hints and request_warnings, never a refusal), webhook
 * URLs Trending would refuse stopped with what to do, Max Credits on Create and Animate Slide, and Update Script's
 * whole-script writes.
 */
import type { SimulatorHandle } from '@trending/simulator';

import { warningText } from '../../nodes/Trending/helpers/requestCheck';
import { checkCreateRequest } from '../../packages/core/src';
import { apiRequests, expectNoSecrets, run, runError, runOk, startSim } from './harness';

vi.mock('n8n-workflow', async (importOriginal) => {
  const actual = await importOriginal<typeof import('n8n-workflow')>();
  return { ...actual, sleep: async (ms: number, signal?: AbortSignal) => await actual.sleep(Math.min(ms, 20), signal) };
});

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
afterEach(() => sim.reset());

const PRODUCTION = { trendingApi: { apiKey: 'sk_test_pro', baseUrl: 'https://trending.com' } };

describe('Warnings', () => {
  it("shows core's warnings by parameter name as execution hints and request_warnings, and still creates", async () => {
    const { ctx, items } = await runOk(sim, {
      resource: 'story',
      operation: 'create',
      prompt: 'A lighthouse keeper who talks to gulls.',
      previewOnly: true,
      scriptImagesRequested: 2,
      options: { additionalBody: '{"script": {"narrator_enabled": true}, "music": {"volume_percent": 150}}' },
    });
    expect(apiRequests(ctx.requests, '/api/v1/story/videos')).toHaveLength(1);
    const warnings = items[0]!.json.request_warnings as string[];
    expect(warnings).toContain('Narrator Enabled is ignored: it is only used when Voice Format is dialogue');
    expect(warnings).toContain(
      'Music Volume Percent is 150, outside the usual 0 to 100; check it is the value you meant',
    );
    expect(ctx.hints).toEqual(warnings.map((message) => ({ message, type: 'warning', location: 'outputPane' })));
  });

  it("names another template's option by its label and the key typed in Additional Body (JSON)", async () => {
    const { ctx, items } = await runOk(
      sim,
      (itemIndex) => ({
        resource: 'didyouknow',
        operation: 'create',
        previewOnly: true,
        options: { additionalBody: itemIndex === 1 ? '{"script": {"voice_format": "dialogue"}}' : '{}' },
      }),
      { items: [{ json: {} }, { json: {} }] },
    );
    expect(items[0]!.json.request_warnings).toBeUndefined();
    const [warning] = items[1]!.json.request_warnings as string[];
    expect(warning).toMatch(
      /^Voice Format \("script\.voice_format" in Additional Body \(JSON\)\) is not a Did You Know option \(it belongs to Story.*\), so Did You Know may ignore it$/,
    );
    // With several items, the hint says which.
    expect(ctx.hints.map((hint) => hint.message)).toEqual([`${warning} (item 2)`]);
  });

  it('keeps the JSON key as typed when it starts with a template name', () => {
    const [warning] = checkCreateRequest('story', { ranking: { category_preset: 'animals' } }).warnings;
    expect(warningText('story', warning!)).toBe(
      'Category Preset ("ranking.category_preset" in Additional Body (JSON)) is not a Story option (it belongs to Ranking), so Story may ignore it',
    );
  });

  it("Start Video shows the chosen template's warnings the same way", async () => {
    const { ctx, items } = await runOk(
      sim,
      {
        resource: 'signedTrigger',
        operation: 'startVideo',
        videoType: 'story',
        triggerPreviewOnly: true,
        triggerOptions: { additionalBody: '{"script": {"narrator_enabled": true}}' },
      },
      {
        credentials: {
          trendingSignedTriggerApi: { triggerId: 'trg_test', secret: 'whsec_trigger_test', baseUrl: sim.url },
        },
      },
    );
    expect(apiRequests(ctx.requests, '/api/v1/triggers/webhook')).toHaveLength(1);
    expect(items[0]!.json.request_warnings).toEqual([
      'Narrator Enabled is ignored: it is only used when Voice Format is dialogue',
    ]);
    expect(ctx.hints.map((hint) => hint.message)).toEqual([
      'Narrator Enabled is ignored: it is only used when Voice Format is dialogue',
    ]);
  });
});

describe('Webhook URLs Trending would refuse', () => {
  it.each([
    ['localhost', 'http://localhost:5678'],
    ['a private network', 'https://192.168.1.20'],
    ['an IPv4-mapped loopback address', 'http://[::ffff:127.0.0.1]:5678'],
  ])('Wait via webhook with a resume URL on %s: refused before sending, saying what to do', async (_, origin) => {
    const { ctx, result } = run(
      sim,
      { resource: 'rants', operation: 'create', previewOnly: true, waitMode: 'webhook' },
      { credentials: PRODUCTION, resumeUrl: `${origin}/webhook-waiting/81?signature=resume-token-secret` },
    );
    const error = await result.then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error!.message).toMatch(/resume URL/);
    expect(error!.message).toMatch(/set WEBHOOK_URL to a public HTTPS address, or choose Wait via Polling/i);
    expect(error!.message).toMatch(/validation_failed/);
    // n8n's resume token is a credential for the execution.
    expect(JSON.stringify(error)).not.toContain('resume-token-secret');
    expect(error!.message).not.toContain('webhook.url');
    expect(ctx.requests).toHaveLength(0);
  });

  it('a Webhook URL parameter on a private network is refused before sending, by its label', async () => {
    const { ctx, result } = run(
      sim,
      { resource: 'rants', operation: 'create', sendWebhook: true, webhookUrl: 'https://10.1.2.3/hooks/trending' },
      {
        credentials: { ...PRODUCTION, trendingWebhookSigningApi: { secret: 'whsec_0123456789abcdef' } },
      },
    );
    const error = await result.then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error!.message).toMatch(/^The request is invalid: Webhook URL must be a public host/);
    expect(error!.message).toMatch(/Use a public HTTPS address/);
    expect(ctx.requests).toHaveLength(0);
    expectNoSecrets(error, ['whsec_0123456789abcdef']);
  });

  it('the simulator (a loopback dev API) may call back a loopback resume URL', async () => {
    const { ctx, items } = await runOk(
      sim,
      { resource: 'rants', operation: 'create', previewOnly: true, waitMode: 'webhook' },
      { resumeUrl: 'http://127.0.0.1:1/webhook-waiting/82' },
    );
    expect(apiRequests(ctx.requests, '/api/v1/rants/videos')).toHaveLength(1);
    expect(items[0]!.json.video_id).toEqual(expect.any(Number));
  });
});

describe('Max Credits', () => {
  const story = {
    resource: 'story',
    operation: 'create',
    prompt: 'A lighthouse keeper who talks to gulls.',
    previewOnly: true,
    scriptImagesRequested: 2,
  };

  it('Create quotes first and refuses above Max Credits with the estimate; nothing is created', async () => {
    const error = await runError(sim, { ...story, options: { maxCredits: 1 } });
    expect(error.message).toMatch(/estimated at \d+ credits, above the maximum of 1: nothing was sent/);
    expect(error.message).toMatch(/spend_limit_exceeded/);
    const { ctx, result } = run(sim, { ...story, options: { maxCredits: 1 } });
    await result.catch(() => undefined);
    expect(apiRequests(ctx.requests, '/api/v1/cost-estimate')).toHaveLength(1);
    expect(apiRequests(ctx.requests, '/api/v1/story/videos')).toHaveLength(0);
  });

  it('Create within Max Credits creates; without the option it sends no quote', async () => {
    const within = await runOk(sim, { ...story, options: { maxCredits: 100_000 } });
    expect(apiRequests(within.ctx.requests, '/api/v1/cost-estimate')).toHaveLength(1);
    expect(apiRequests(within.ctx.requests, '/api/v1/story/videos')).toHaveLength(1);
    const unguarded = await runOk(sim, story);
    expect(apiRequests(unguarded.ctx.requests, '/api/v1/cost-estimate')).toHaveLength(0);
    expect(apiRequests(unguarded.ctx.requests, '/api/v1/story/videos')).toHaveLength(1);
  });

  it("Animate Slide reads the slide's estimate, animates only within Max Credits, and outputs the estimate", async () => {
    const created = await runOk(sim, { ...story, waitMode: 'polling' });
    const videoId = String(created.items[0]!.json.video_id);
    const path = `/api/v1/story/videos/${videoId}/slide-animations`;
    const animate = { resource: 'story', operation: 'animateSlide', videoId, slideIndex: 0 };

    // Left at 0, nothing is approved: the estimate is in the message and nothing is animated.
    const refused = run(sim, animate);
    const error = await refused.result.then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error!.message).toMatch(/Animating slide 0 is estimated at (\d+) credits, above the maximum of 0/);
    expect(apiRequests(refused.ctx.requests, path).map((r) => r.method)).toEqual(['GET']);

    const estimate = Number(/estimated at (\d+) credits/.exec(error!.message)![1]);
    const done = await runOk(sim, { ...animate, maxCredits: estimate });
    expect(apiRequests(done.ctx.requests, path).map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(done.items[0]!.json.spend_check).toEqual({ estimated_credits: estimate, max_credits: estimate });
  });
});

describe('Update Script', () => {
  it('PATCH sends the whole script (the one read, with the edits over it) and expected_updated_at', async () => {
    const created = await runOk(sim, {
      resource: 'list',
      operation: 'create',
      prompt: 'Facts about honey',
      previewOnly: true,
      waitMode: 'polling',
    });
    const videoId = String(created.items[0]!.json.video_id);
    const got = await runOk(sim, { resource: 'list', operation: 'getScript', videoId });
    const script = got.items[0]!.json.script as { lines: unknown[]; updated_at: string };
    expect(script.lines.length).toBeGreaterThan(0);

    const saved = await runOk(sim, {
      resource: 'list',
      operation: 'updateScript',
      videoId,
      script: JSON.stringify({ intro: 'Honey never spoils.' }),
      conflictCheck: 'none',
      method: 'PATCH',
      resetAudio: true,
    });
    const patch = apiRequests(saved.ctx.requests, `/api/v1/list/videos/${videoId}/script`).find(
      (r) => r.method === 'PATCH',
    )!;
    const body = JSON.parse(patch.body!);
    expect(body.script.intro).toBe('Honey never spoils.');
    expect(body.script.lines).toHaveLength(script.lines.length);
    expect(body.expected_updated_at).toBe(script.updated_at);
    expect(body.reset_audio).toBe(true);
  });

  it('keeps the Expected Updated At the user gave', async () => {
    const created = await runOk(sim, {
      resource: 'list',
      operation: 'create',
      prompt: 'Facts about bees',
      previewOnly: true,
      waitMode: 'polling',
    });
    const videoId = String(created.items[0]!.json.video_id);
    const stale = '2020-01-01T00:00:00Z';
    const { ctx, result } = run(sim, {
      resource: 'list',
      operation: 'updateScript',
      videoId,
      script: JSON.stringify({ intro: 'Bees dance.' }),
      conflictCheck: 'updatedAt',
      expectedUpdatedAt: stale,
      resetAudio: true,
    });
    const error = await result.then(
      () => undefined,
      (e: Error) => e,
    );
    const put = apiRequests(ctx.requests, `/api/v1/list/videos/${videoId}/script`).find((r) => r.method === 'PUT')!;
    expect(JSON.parse(put.body!).expected_updated_at).toBe(stale);
    expect(error!.message).toMatch(/script_version_conflict/);
  });
});

describe('credentials in these checks', () => {
  it('a refused request names no API key', async () => {
    const error = await runError(
      sim,
      { resource: 'rants', operation: 'create', previewOnly: true, waitMode: 'webhook' },
      { credentials: PRODUCTION, resumeUrl: 'http://localhost:5678/webhook-waiting/9' },
    );
    expectNoSecrets(error);
  });
});
