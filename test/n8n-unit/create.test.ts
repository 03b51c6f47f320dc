/**
 * Create against the real simulator: every template, validation from core, API errors, idempotency, continueOnFail.
 */
import type { SimulatorHandle } from '@trending/simulator';

import { TEMPLATE_IDS } from '../../packages/core/src';
import { FIRST_EXECUTION_KEY } from '../../nodes/Trending/helpers/idempotency';
import { newExecution, type ExecutionState } from './context';
import { apiCredentials, apiRequests, expectNoSecrets, run, runError, runOk, startSim } from './harness';

vi.mock('n8n-workflow', async (importOriginal) => {
  const actual = await importOriginal<typeof import('n8n-workflow')>();
  return { ...actual, sleep: async (ms: number, signal?: AbortSignal) => await actual.sleep(Math.min(ms, 5), signal) };
});

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
afterEach(() => sim.reset());

function videoCount(): number {
  return (sim.state().videos as unknown[]).length;
}

describe('Create', () => {
  it.each(TEMPLATE_IDS)('creates a %s video and returns video_id with pairedItem', async (template) => {
    const { ctx, items } = await runOk(sim, {
      resource: template,
      operation: 'create',
      prompt: 'A short story about a hotel keycard that opens every door.',
      previewOnly: true,
    });
    expect(items).toHaveLength(1);
    expect(items[0]!.pairedItem).toEqual({ item: 0 });
    expect(items[0]!.json).toMatchObject({ template, video_id: expect.any(Number), status: 'queued' });
    const [create] = apiRequests(ctx.requests, `/api/v1/${template}/videos`);
    expect(create!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(create!.body!)).toMatchObject({ prompt: expect.any(String), preview_only: true });
  });

  it('builds the nested body from top-level fields, collections, object lists and the JSON escape hatch', async () => {
    const { ctx } = await runOk(
      sim,
      {
        resource: 'story',
        operation: 'create',
        prompt: 'Two friends find a map under the floorboards.',
        scriptImagesRequested: 14,
        scriptVisualStylePreset: 'anime',
        script: {
          voiceFormat: 'dialogue',
          narratorEnabled: true,
          referenceImages: { values: [{ storyId: 456, runId: 9912, alias: 'mascot', description: 'Mascot sheet' }] },
        },
        music: { enabled: true, volumePercent: 35 },
        options: {
          additionalBody: '{"script": {"reference_instruction": "Use @mascot on the jersey."}, "name": "Map"}',
        },
      },
      { continueOnFail: true },
    );
    const body = JSON.parse(apiRequests(ctx.requests, '/api/v1/story/videos')[0]!.body!);
    expect(body).toEqual({
      prompt: 'Two friends find a map under the floorboards.',
      preview_only: false,
      name: 'Map',
      script: {
        images_requested: 14,
        visual_style_preset: 'anime',
        voice_format: 'dialogue',
        narrator_enabled: true,
        reference_images: [{ story_id: 456, run_id: 9912, alias: 'mascot', description: 'Mascot sheet' }],
        reference_instruction: 'Use @mascot on the jersey.',
      },
      music: { enabled: true, volume_percent: 35 },
    });
  });

  it('rejects out-of-range and wrong-enum input before sending, naming every field', async () => {
    const { ctx, result } = run(sim, {
      resource: 'story',
      operation: 'create',
      prompt: 'Hi',
      scriptImagesRequested: 5,
      options: { additionalBody: '{"script": {"voice_format": "opera"}}' },
    });
    const error = await result.then(
      () => undefined,
      (e: Error & { description?: string }) => e,
    );
    expect(error).toBeDefined();
    expect(error!.message).toMatch(/validation_failed/);
    // Each field by the name the node shows for it, not its JSON path.
    expect(error!.message).toMatch(/^The request is invalid:\nPrompt must be at least 6 characters$/m);
    expect(error!.message).toMatch(/^Slides must be between 10 and 30 \(2\.\.30 with Preview Only\)$/m);
    expect(error!.message).toMatch(/^Voice Format must be one of: dialogue, monologue, narrated \(got "opera"\)/m);
    expect(error!.message).not.toMatch(/images_requested|voice_format|preview_only/);
    expect(apiRequests(ctx.requests, '/api/v1/story/videos')).toHaveLength(0);
  });

  it('coerces expression text into the field type, and names the field when it cannot', async () => {
    const error = await runError(sim, {
      resource: 'list',
      operation: 'create',
      previewOnly: true,
      script: { itemCount: 'seven' as unknown as number },
    });
    expect(error.message).toMatch(/Item Count \(script\.item_count\)/);
  });

  it('fails clearly without a credential', async () => {
    const error = await runError(sim, { resource: 'rants', operation: 'create' }, { credentials: {} });
    expect(error.message).toMatch(/credentials set for "trendingApi"/);
  });

  it("refuses a base URL that is not http(s), by core's rule, before sending anything", async () => {
    const error = await runError(
      sim,
      { resource: 'story', operation: 'create', previewOnly: true },
      { credentials: { trendingApi: { apiKey: 'sk_test_pro', baseUrl: 'trending.com' } } },
    );
    expect(`${error.message} ${error.description ?? ''}`).toMatch(/base URL must start with https/);
    expectNoSecrets(error);
  });

  it('402 insufficient_credits: a NodeApiError with the code, request_id and hint, and no secret', async () => {
    const error = await runError(
      sim,
      { resource: 'story', operation: 'create', prompt: 'A long saga of a lighthouse keeper.' },
      { credentials: apiCredentials(sim, 'sk_test_poor') },
    );
    expect(error.message).toMatch(/insufficient_credits/);
    expect(error.httpCode).toBe('402');
    expect(error.description).toMatch(/Request ID: /);
    expectNoSecrets(error);
  });

  it('Check Credits First stops before create with the shortfall', async () => {
    const { ctx, result } = run(
      sim,
      {
        resource: 'story',
        operation: 'create',
        prompt: 'A long saga of a lighthouse keeper.',
        options: { checkCredits: true },
      },
      { credentials: apiCredentials(sim, 'sk_test_poor') },
    );
    const error = await result.then(
      () => undefined,
      (e: Error & { description?: string }) => e,
    );
    expect(error!.message).toMatch(/insufficient_credits/);
    expect(error!.message).toMatch(/short/);
    expect(error!.description).toMatch(/Add at least \d+ credits/);
    expect(apiRequests(ctx.requests, '/api/v1/story/videos')).toHaveLength(0);
  });

  it('403 membership_template_required names the allowed templates', async () => {
    const error = await runError(
      sim,
      { resource: 'dmstory', operation: 'create', previewOnly: true },
      { credentials: apiCredentials(sim, 'sk_test_storyonly') },
    );
    expect(error.message).toMatch(/membership_template_required/);
    expect(error.description).toMatch(/story/);
    expectNoSecrets(error);
  });

  it('429 rate_limited is retried, then reported with Retry-After', async () => {
    sim.configure({ rateLimitPerMinute: 1 });
    await runOk(sim, { resource: 'ranking', operation: 'create', previewOnly: true });
    const { ctx, result } = run(sim, { resource: 'ranking', operation: 'create', previewOnly: true });
    const error = await result.then(
      () => undefined,
      (e: Error & { description?: string }) => e,
    );
    expect(error!.message).toMatch(/rate_limited/);
    expect(apiRequests(ctx.requests, '/api/v1/ranking/videos').length).toBeGreaterThan(1);
    expect(
      new Set(apiRequests(ctx.requests, '/api/v1/ranking/videos').map((r) => r.headers['idempotency-key'])).size,
    ).toBe(1);
  });

  it('503 service_unavailable during maintenance is retried, then explained', async () => {
    sim.configure({ maintenance: 'all' });
    const error = await runError(sim, { resource: 'confession', operation: 'create', previewOnly: true });
    expect(error.message).toMatch(/service_unavailable|maintenance/i);
    expect(error.httpCode).toBe('503');
  });

  it('continueOnFail puts the error (code, request_id) in the item and goes on with the next item', async () => {
    const { items } = await runOk(
      sim,
      (itemIndex) => ({
        resource: 'didyouknow',
        operation: 'create',
        previewOnly: true,
        prompt: itemIndex === 0 ? 'No' : 'Facts about octopuses and their three hearts.',
      }),
      { continueOnFail: true, items: [{ json: {} }, { json: {} }] },
    );
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ json: { error: { code: 'validation_failed' } }, pairedItem: { item: 0 } });
    expect(items[1]).toMatchObject({ json: { video_id: expect.any(Number) }, pairedItem: { item: 1 } });
  });

  it('Retry on Fail (same execution) reuses the idempotency key: one video, not two', async () => {
    const execution = newExecution('exec-retry');
    const params = { resource: 'story', operation: 'create', prompt: 'A cat that runs a bakery.', previewOnly: true };
    const first = await runOk(sim, params, { execution });
    const retry = await runOk(sim, params, { execution });
    expect(retry.items[0]!.json.video_id).toBe(first.items[0]!.json.video_id);
    expect(retry.items[0]!.json.idempotency_key).toBe(first.items[0]!.json.idempotency_key);
    expect(videoCount()).toBe(1);
    const other = await runOk(sim, params, { execution: newExecution('exec-next') });
    expect(other.items[0]!.json.video_id).not.toBe(first.items[0]!.json.video_id);
  });

  it('Retry of a failed execution (a new execution id, started from a copy of its data) and Retry of that Retry reuse the keys of the first', async () => {
    const params = { resource: 'story', operation: 'create', prompt: 'A cat that runs a bakery.', previewOnly: true };
    const first = newExecution('exec-failed');
    const original = await runOk(sim, params, { execution: first });
    expect(first.contextData.flow).toEqual({ [FIRST_EXECUTION_KEY]: 'exec-failed' });
    // n8n's ExecutionService.retry passes the failed execution's data (contextData included) to the new execution.
    const retryOf = (failed: ExecutionState, id: string) => ({
      ...newExecution(id),
      contextData: structuredClone(failed.contextData),
    });
    const retry = retryOf(first, 'exec-retry-1');
    const retried = await runOk(sim, params, { execution: retry });
    const again = await runOk(sim, params, { execution: retryOf(retry, 'exec-retry-2') });
    expect(retried.items[0]!.json.idempotency_key).toBe(original.items[0]!.json.idempotency_key);
    expect(again.items[0]!.json.video_id).toBe(original.items[0]!.json.video_id);
    expect(videoCount()).toBe(1);
  });

  it('Loop Over Items: each run of the node gets its own videos; Retry on Fail within a run gets the same ones', async () => {
    const execution = newExecution('exec-loop');
    const params = { resource: 'story', operation: 'create', prompt: 'A cat that runs a bakery.', previewOnly: true };
    const items = [{ json: {} }, { json: {} }];
    const ids = (result: Awaited<ReturnType<typeof runOk>>) => result.items.map((item) => item.json.video_id);
    // Every batch restarts at item 0: only $runIndex tells batch 2 from batch 1.
    const batch1 = await runOk(sim, params, { execution, items, runIndex: 0 });
    const batch2 = await runOk(sim, params, { execution, items, runIndex: 1 });
    expect(new Set([...ids(batch1), ...ids(batch2)]).size).toBe(4);
    const retryOfBatch2 = await runOk(sim, params, { execution, items, runIndex: 1 });
    expect(ids(retryOfBatch2)).toEqual(ids(batch2));
    expect(videoCount()).toBe(4);
  });

  it('Start Video keys also change with the run index', async () => {
    const execution = newExecution('exec-loop-trigger');
    const params = { resource: 'signedTrigger', operation: 'startVideo', videoType: 'rants', triggerPreviewOnly: true };
    const credentials = {
      trendingSignedTriggerApi: { triggerId: 'trg_test', secret: 'whsec_trigger_test', baseUrl: sim.url },
    };
    const first = await runOk(sim, params, { execution, credentials, runIndex: 0 });
    const second = await runOk(sim, params, { execution, credentials, runIndex: 1 });
    expect(second.items[0]!.json.idempotency_key).not.toBe(first.items[0]!.json.idempotency_key);
    expect(second.items[0]!.json.video_id).not.toBe(first.items[0]!.json.video_id);
  });

  it('an Idempotency Key expression (a row id) makes one video per row across executions', async () => {
    const params = { resource: 'list', operation: 'create', previewOnly: true, options: { idempotencyKey: 'row-17' } };
    const a = await runOk(sim, params, { execution: newExecution('e1') });
    const b = await runOk(sim, params, { execution: newExecution('e2') });
    expect(b.items[0]!.json.video_id).toBe(a.items[0]!.json.video_id);
    expect(videoCount()).toBe(1);
  });

  it('renaming the node keeps its idempotency keys (automatic and custom): no second video per row', async () => {
    const execution = newExecution('exec-rename');
    const auto = { resource: 'story', operation: 'create', prompt: 'A cat that runs a bakery.', previewOnly: true };
    const before = await runOk(sim, auto, { execution, nodeName: 'Make videos' });
    const after = await runOk(sim, auto, { execution, nodeName: 'Make story videos' });
    expect(after.items[0]!.json.idempotency_key).toBe(before.items[0]!.json.idempotency_key);
    expect(after.items[0]!.json.video_id).toBe(before.items[0]!.json.video_id);

    const custom = { ...auto, options: { idempotencyKey: 'row-21' } };
    const a = await runOk(sim, custom, { execution: newExecution('r1'), nodeName: 'Sheet rows' });
    const b = await runOk(sim, custom, { execution: newExecution('r2'), nodeName: 'Sheet rows (renamed)' });
    expect(b.items[0]!.json.idempotency_key).toBe(a.items[0]!.json.idempotency_key);
    expect(b.items[0]!.json.video_id).toBe(a.items[0]!.json.video_id);
    expect(videoCount()).toBe(2);

    // A different node (another id) with the same custom value is another key.
    const other = await runOk(sim, custom, { execution: newExecution('r3'), nodeId: 'another-node-id' });
    expect(other.items[0]!.json.idempotency_key).not.toBe(a.items[0]!.json.idempotency_key);
  });

  it('the same custom key in two templates gives two keys and two videos (keys are scoped per account)', async () => {
    const options = { idempotencyKey: 'row-5' };
    const story = await runOk(sim, { resource: 'story', operation: 'create', previewOnly: true, options });
    const rants = await runOk(sim, { resource: 'rants', operation: 'create', previewOnly: true, options });
    expect(rants.items[0]!.json.idempotency_key).not.toBe(story.items[0]!.json.idempotency_key);
    expect(rants.items[0]!.json).toMatchObject({ template: 'rants' });
    expect(rants.items[0]!.json.video_id).not.toBe(story.items[0]!.json.video_id);

    const credentials = {
      trendingSignedTriggerApi: { triggerId: 'trg_test', secret: 'whsec_trigger_test', baseUrl: sim.url },
    };
    const start = (videoType: string) =>
      runOk(
        sim,
        {
          resource: 'signedTrigger',
          operation: 'startVideo',
          videoType,
          triggerPreviewOnly: true,
          triggerOptions: options,
        },
        { credentials },
      );
    const [t1, t2] = [await start('rants'), await start('story')];
    expect(t2.items[0]!.json.idempotency_key).not.toBe(t1.items[0]!.json.idempotency_key);
  });

  it("one wait mode per run (item 0's): an item whose expression says webhook does not wait when item 0 says none", async () => {
    const { ctx, items } = await runOk(
      sim,
      (itemIndex) => ({
        resource: 'rants',
        operation: 'create',
        previewOnly: true,
        waitMode: itemIndex === 0 ? 'none' : 'webhook',
      }),
      { items: [{ json: {} }, { json: {} }] },
    );
    expect(items).toHaveLength(2);
    expect(items[1]).toMatchObject({
      json: { video_id: expect.any(Number), status: 'queued' },
      pairedItem: { item: 1 },
    });
    for (const request of apiRequests(ctx.requests, '/api/v1/rants/videos')) {
      expect(JSON.parse(request.body!).webhook).toBeUndefined();
    }
    expect(ctx.execution.waitTill).toBeUndefined();
  });

  it("Send Webhook sets the URL, the events allowlist and the signing credential's secret (never echoed)", async () => {
    const { ctx, items } = await runOk(
      sim,
      {
        resource: 'rants',
        operation: 'create',
        previewOnly: true,
        sendWebhook: true,
        webhookUrl: 'http://127.0.0.1:9/hook',
        webhookEvents: ['trending.rants.v001.completed'],
      },
      { credentials: { ...apiCredentials(sim), trendingWebhookSigningApi: { secret: 'whsec_signing_0123456789' } } },
    );
    const body = JSON.parse(apiRequests(ctx.requests, '/api/v1/rants/videos')[0]!.body!);
    expect(body.webhook).toEqual({
      url: 'http://127.0.0.1:9/hook',
      secret: 'whsec_signing_0123456789',
      events: ['trending.rants.v001.completed'],
    });
    expectNoSecrets(items, ['whsec_signing_0123456789']);
  });
});
