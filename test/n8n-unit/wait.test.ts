/**
 * Waiting for completion: polling under a deadline, and webhook waits that park the execution and resume only on a
 * correctly signed delivery. Downloads give an MP4 without the API key.
 */
import type { SimulatorHandle } from '@trending/simulator';
import type { INodeParameters } from 'n8n-workflow';

import { deriveWebhookSecret, signWebhookDelivery } from '../../packages/core/src';
import { jobsKeys } from '../../nodes/Trending/helpers/waitWebhook';
import {
  CUSTOM_DATA_LIMITS,
  listen,
  newExecution,
  webhookContext,
  type ExecutionState,
  type WebhookRequestInput,
} from './context';
import { apiCredentials, isMp4, node, PRO, run, runOk, startSim } from './harness';

vi.mock('n8n-workflow', async (importOriginal) => {
  const actual = await importOriginal<typeof import('n8n-workflow')>();
  return {
    ...actual,
    sleep: async (ms: number, signal?: AbortSignal) => {
      // Polls sleep 5-15 s: let them pass at once, and move a faked clock on by the same amount.
      if (vi.isFakeTimers()) vi.setSystemTime(Date.now() + ms);
      await actual.sleep(Math.min(ms, 20), signal);
    },
  };
});

const NODE_ID = '3f1a2b4c-5d6e-4f70-8a91-b2c3d4e5f607';
let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
afterEach(() => {
  vi.useRealTimers();
  sim.reset();
});

describe('Wait via polling', () => {
  it('waits for the run and downloads the MP4 into a binary field, without sending the API key to the render URL', async () => {
    const { ctx, items } = await runOk(sim, {
      resource: 'dmstory',
      operation: 'create',
      prompt: 'A text from an unknown number at 3 a.m.',
      waitMode: 'polling',
      download: true,
      binaryPropertyName: 'video',
    });
    expect(items[0]!.json).toMatchObject({ template: 'dmstory', status: 'completed' });
    const binary = items[0]!.binary!.video!;
    expect(binary.mimeType).toBe('video/mp4');
    expect(binary.fileName).toMatch(/^trending-dmstory-\d+\.mp4$/);
    expect(isMp4(binary.data)).toBe(true);
    const download = ctx.requests.find((r) => new URL(r.url).pathname.includes('/renders/'));
    expect(download).toBeDefined();
    expect(download!.authenticated).toBe(false);
    expect(download!.headers.authorization).toBeUndefined();
  });

  it('waits for several items in parallel and keeps each item paired', async () => {
    const { items } = await runOk(
      sim,
      (itemIndex) => ({
        resource: 'list',
        operation: 'create',
        prompt: `Top ${itemIndex + 3} facts about owls`,
        waitMode: 'polling',
      }),
      { items: [{ json: {} }, { json: {} }, { json: {} }] },
    );
    expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
    expect(items.every((i) => i.json.status === 'completed')).toBe(true);
  });

  it('a failed run ends with the pipeline error naming the video', async () => {
    sim.configure({ failNext: { code: 'render_failed', template: 'rants' } });
    const { result } = run(sim, {
      resource: 'rants',
      operation: 'create',
      prompt: 'A rant about slow elevators.',
      waitMode: 'polling',
    });
    const error = await result.then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error!.message).toMatch(/Video \d+ failed/);
    expect(error!.message).toMatch(/render_failed/);
  });

  it('times out with an actionable error naming the video_id', async () => {
    sim.configure({ speed: 0.001 });
    vi.useFakeTimers({ toFake: ['Date'] });
    const { result } = run(sim, {
      resource: 'confession',
      operation: 'create',
      previewOnly: true,
      waitMode: 'polling',
      options: { waitTimeout: 1 },
    });
    const error = await result.then(
      () => undefined,
      (e: Error & { description?: string }) => e,
    );
    expect(error!.message).toMatch(/wait_timeout/);
    expect(error!.message).toMatch(/Video \d+ is still/);
    expect(error!.description).toMatch(/keeps rendering|poll it again/);
  });

  it('an expired render URL is refreshed from a fresh status; a render that is gone is reported clearly', async () => {
    const { items } = await runOk(sim, {
      resource: 'ranking',
      operation: 'create',
      prompt: 'Best cartoon dogs',
      waitMode: 'polling',
    });
    const videoId = items[0]!.json.video_id as number;
    // Past the retention window: the status itself says the render has expired.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 400 * 24 * 3600 * 1000);
    const { result } = run(sim, { resource: 'ranking', operation: 'get', videoId: String(videoId), download: true });
    const error = await result.then(
      () => undefined,
      (e: Error & { description?: string }) => e,
    );
    expect(error!.message).toMatch(/render_expired|render_download_failed|expired/);
  });
});

describe('Wait via webhook', () => {
  const resumeCalls: Array<{ status: number; body: unknown; resumed: boolean; items?: unknown[] }> = [];
  let execution: ExecutionState;
  let receiver: Awaited<ReturnType<typeof listen>>;
  let params: INodeParameters;

  async function resume(request: WebhookRequestInput) {
    // n8n 2.41 (waiting-webhooks.js) routes a resume call to the node only while the execution is waiting: before it
    // is parked, and once it runs again, the caller gets 409 (Trending then delivers again later).
    if (!execution.waitTill) {
      const call = { status: 409, body: { message: 'The execution is running already.' }, resumed: false };
      resumeCalls.push(call);
      return call;
    }
    const ctx = webhookContext(
      { nodeType: node, parameters: params, credentials: apiCredentials(sim) },
      execution,
      request,
    );
    const out = await node.webhook!.call(ctx);
    const call = {
      status: ctx.response.status,
      body: ctx.response.body,
      resumed: out.workflowData !== undefined,
      items: out.workflowData?.[0],
    };
    resumeCalls.push(call);
    if (call.resumed) execution.waitTill = undefined;
    return { status: call.status, body: call.body };
  }

  /** The resume call that resumed the execution, once the simulator's delivery has arrived. */
  function firstResume(timeout = 15_000) {
    return vi.waitFor(
      () => {
        const call = resumeCalls.find((c) => c.resumed);
        if (!call) throw new Error('not resumed yet');
        return call;
      },
      { timeout, interval: 50 },
    );
  }

  beforeEach(async () => {
    resumeCalls.length = 0;
    // A new execution ID per test, as n8n gives: the resume call's per-process ledger is keyed by it.
    execution = newExecution();
    receiver = await listen(resume);
  });
  afterEach(() => receiver.close());

  it('parks the execution, then resumes on the signed delivery with the final status and the MP4', async () => {
    sim.configure({ speed: 150 });
    params = {
      resource: 'rants',
      operation: 'create',
      prompt: 'A rant about people who reply-all.',
      waitMode: 'webhook',
      download: true,
    };
    const { ctx, items } = await runOk(sim, params, {
      execution,
      resumeUrl: `${receiver.url}/webhook-waiting/${execution.executionId}`,
    });
    expect(execution.waitTill).toBeInstanceOf(Date);
    expect(items[0]!.json).toMatchObject({ status: 'queued', video_id: expect.any(Number) });
    expect(execution.customData[jobsKeys(NODE_ID)[0]!]).toMatch(/^v2:1:rants:/);
    const body = JSON.parse(ctx.requests.find((r) => r.url.endsWith('/api/v1/rants/videos'))!.body!);
    expect(body.webhook.url).toBe(`${receiver.url}/webhook-waiting/${execution.executionId}/trending`);
    expect(body.webhook.events).toEqual(['trending.rants.v001.completed', 'trending.rants.v001.failed']);
    expect(body.webhook.secret).toBe(deriveWebhookSecret(PRO, 'n8n-wait', execution.executionId));
    expect(JSON.stringify(items)).not.toContain(body.webhook.secret);

    const resumed = await firstResume();
    expect(resumed.status).toBe(200);
    const [item] = resumed.items as Array<{
      json: Record<string, unknown>;
      binary: Record<string, { data: string }>;
      pairedItem: unknown;
    }>;
    expect(item!.json).toMatchObject({ template: 'rants', status: 'completed', video_id: items[0]!.json.video_id });
    expect(item!.pairedItem).toEqual({ item: 0 });
    expect(isMp4(item!.binary.data!.data)).toBe(true);
  });

  it("keeps n8n's resume token (?signature=) out of the node's output, and still parks for its own videos", async () => {
    params = { resource: 'rants', operation: 'create', previewOnly: true, waitMode: 'webhook' };
    const resumeUrl = `${receiver.url}/webhook-waiting/${execution.executionId}`;
    const { ctx, items } = await runOk(sim, params, {
      execution,
      resumeUrl: `${resumeUrl}?signature=resume-token-0123456789`,
    });
    const body = JSON.parse(ctx.requests.find((r) => r.url.endsWith('/api/v1/rants/videos'))!.body!);
    // The restart webhook's suffix goes before the query that carries the token.
    expect(body.webhook.url).toBe(`${resumeUrl}/trending?signature=resume-token-0123456789`);
    // The echoed URL matched the one sent, so the node parked instead of polling.
    expect(execution.waitTill).toBeInstanceOf(Date);
    expect(items[0]!.json).toMatchObject({ webhook: { enabled: true, url: `${resumeUrl}/trending` } });
    expect(JSON.stringify(items)).not.toContain('resume-token-0123456789');
    expect(JSON.stringify(items)).not.toContain('signature=');
  });

  it('rejects tampered, stale and unsigned deliveries with 401 and does not resume', async () => {
    params = { resource: 'story', operation: 'create', previewOnly: true, waitMode: 'webhook' };
    execution.waitTill = new Date(Date.now() + 60_000);
    const secret = deriveWebhookSecret(PRO, 'n8n-wait', execution.executionId);
    const raw = JSON.stringify({
      event: 'trending.story.v001.completed',
      video_id: 1,
      template: 'story',
      status: 'completed',
    });
    const signed = signWebhookDelivery(secret, Date.now(), raw);
    const attempts: WebhookRequestInput[] = [
      // Tampered: the body changed after signing.
      { rawBody: Buffer.from(raw.replace('"video_id":1', '"video_id":2')), headers: { ...signed } },
      // Stale: signed ten minutes ago.
      { rawBody: Buffer.from(raw), headers: { ...signWebhookDelivery(secret, Date.now() - 600_000, raw) } },
      // Unsigned.
      { rawBody: Buffer.from(raw), headers: { 'content-type': 'application/json' } },
      // Signed with another execution's secret.
      {
        rawBody: Buffer.from(raw),
        headers: { ...signWebhookDelivery(deriveWebhookSecret(PRO, 'n8n-wait', 'other'), Date.now(), raw) },
      },
    ];
    for (const request of attempts) await resume(request);
    expect(resumeCalls.map((c) => [c.status, c.resumed])).toEqual([
      [401, false],
      [401, false],
      [401, false],
      [401, false],
    ]);
    expect(resumeCalls.map((c) => (c.body as { error: string }).error)).toEqual([
      'signature_mismatch',
      'timestamp_too_old',
      'missing_signature',
      'signature_mismatch',
    ]);
  });

  it('with several items, resumes once all videos have ended, one output item per input item', async () => {
    sim.configure({ speed: 150 });
    params = { resource: 'didyouknow', operation: 'create', previewOnly: true, waitMode: 'webhook' };
    const { items } = await runOk(sim, params, {
      execution,
      items: [{ json: {} }, { json: {} }],
      resumeUrl: `${receiver.url}/webhook-waiting/${execution.executionId}`,
    });
    expect(execution.waitTill).toBeInstanceOf(Date);
    expect(items).toHaveLength(2);
    const resumed = await firstResume();
    const out = resumed.items as Array<{ json: Record<string, unknown>; pairedItem: unknown }>;
    expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
    expect(out.map((i) => i.json.video_id)).toEqual(items.map((i) => i.json.video_id));
    expect(out.every((i) => i.json.status === 'completed')).toBe(true);
  });

  it('with Continue On Fail, an item that failed before parking keeps its error code in the resumed output', async () => {
    sim.configure({ speed: 150 });
    params = { resource: 'didyouknow', operation: 'create', previewOnly: true, waitMode: 'webhook' };
    const { items } = await runOk(
      sim,
      (itemIndex) => ({ ...params, prompt: itemIndex === 0 ? 'No' : 'Facts about octopuses and their three hearts.' }),
      {
        execution,
        continueOnFail: true,
        items: [{ json: {} }, { json: {} }],
        resumeUrl: `${receiver.url}/webhook-waiting/${execution.executionId}`,
      },
    );
    expect(execution.waitTill).toBeInstanceOf(Date);
    expect(items[0]!.json).toMatchObject({ error: { code: 'validation_failed' } });
    expect(execution.customData[jobsKeys(NODE_ID)[0]!]).toMatch(/^v2:1:didyouknow:!validation_failed,[0-9a-z]+$/);
    const resumed = await firstResume();
    const out = resumed.items as Array<{ json: Record<string, unknown>; pairedItem: unknown }>;
    expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
    expect(out[0]!.json.error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('validation_failed'),
      hint: expect.any(String),
    });
    expect(out[1]!.json).toMatchObject({ status: 'completed', video_id: items[1]!.json.video_id });
  });

  it('refuses more items than it can track before creating anything', async () => {
    const { ctx, result } = run(
      sim,
      { resource: 'list', operation: 'create', previewOnly: true, waitMode: 'webhook' },
      { items: Array.from({ length: 51 }, () => ({ json: {} })), resumeUrl: 'http://127.0.0.1:1/x' },
    );
    const error = await result.then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error!.message).toMatch(/at most 50/);
    expect(ctx.requests).toHaveLength(0);
  });

  it('cannot be combined with Send Webhook', async () => {
    const { result } = run(
      sim,
      {
        resource: 'list',
        operation: 'create',
        waitMode: 'webhook',
        sendWebhook: true,
        webhookUrl: 'https://example.com/h',
      },
      {
        resumeUrl: 'http://127.0.0.1:1/x',
        credentials: { ...apiCredentials(sim), trendingWebhookSigningApi: { secret: 'whsec_0123456789abcdef' } },
      },
    );
    const error = await result.then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error!.message).toMatch(/cannot be combined/);
  });
  it('an idempotent replay of a video another execution waits for is polled here: its webhook calls that execution', async () => {
    sim.configure({ speed: 150 });
    params = {
      resource: 'rants',
      operation: 'create',
      previewOnly: true,
      waitMode: 'webhook',
      options: { idempotencyKey: 'row-9' },
    };
    const first = await runOk(sim, params, {
      execution,
      resumeUrl: `${receiver.url}/webhook-waiting/${execution.executionId}`,
    });
    expect(execution.waitTill).toBeInstanceOf(Date);

    // The same row again, in another execution, while the video is still running.
    const again = newExecution();
    const { ctx, items } = await runOk(sim, params, {
      execution: again,
      resumeUrl: `${receiver.url}/webhook-waiting/${again.executionId}`,
    });
    const create = ctx.requests.find((r) => r.url.endsWith('/api/v1/rants/videos'))!;
    expect(JSON.parse(create.body!).webhook.url).toContain(again.executionId);
    expect(again.waitTill).toBeUndefined();
    expect(again.customData).toEqual({});
    expect(items).toHaveLength(1);
    expect(items[0]!.json).toMatchObject({ status: 'completed', video_id: first.items[0]!.json.video_id });
    // It really waited: it polled the video after the replay.
    const polls = ctx.requests.filter((r) => r.method === 'GET' && r.url.includes('/api/v1/rants/videos/'));
    expect(polls.length).toBeGreaterThan(0);
  });

  it('an idempotent replay of a video that has already ended (and had no webhook) finishes at once', async () => {
    const polled = await runOk(sim, {
      resource: 'confession',
      operation: 'create',
      previewOnly: true,
      waitMode: 'polling',
      options: { idempotencyKey: 'row-10' },
    });
    params = {
      resource: 'confession',
      operation: 'create',
      previewOnly: true,
      waitMode: 'webhook',
      options: { idempotencyKey: 'row-10' },
    };
    const { items } = await runOk(sim, params, {
      execution,
      resumeUrl: `${receiver.url}/webhook-waiting/${execution.executionId}`,
    });
    expect(execution.waitTill).toBeUndefined();
    expect(items[0]!.json).toMatchObject({ status: 'completed', video_id: polled.items[0]!.json.video_id });
  });

  it('custom keys on a later run, Delivered Fields: one status read before parking, none after; items from the deliveries, with MP4s', async () => {
    sim.configure({ speed: 150 });
    const keys = ['row-q0', 'row-q1', 'row-q2', 'row-q3'];
    const base = { resource: 'rants', operation: 'create', waitMode: 'webhook', download: true };
    const at = (i: number) => ({ ...base, options: { idempotencyKey: keys[i], webhookOutput: 'delivery' } });
    params = at(0);
    const { items } = await runOk(sim, at, {
      execution,
      runIndex: 1,
      items: keys.map(() => ({ json: {} })),
      resumeUrl: `${receiver.url}/webhook-waiting/${execution.executionId}`,
    });
    expect(execution.waitTill).toBeInstanceOf(Date);
    const ids = items.map((item) => item.json.video_id as number);
    const statusReads = () =>
      sim.requests().filter((r) => r.method === 'GET' && /^\/api\/v1\/rants\/videos\/\d+$/.test(r.path)).length;
    // A later run of the node (Loop Over Items): an earlier wait may have spent a delivery. The last created video
    // was read, found running, and the execution parked for all four.
    expect(statusReads()).toBe(1);

    const resumed = await firstResume();
    const out = resumed.items as Array<{ json: Record<string, unknown>; binary?: Record<string, { data: string }> }>;
    expect(statusReads()).toBe(1);
    expect(out.map((item) => item.json.video_id)).toEqual(ids);
    for (const item of out) {
      expect(item.json).toMatchObject({
        template: 'rants',
        status: 'completed',
        render: { render_url: expect.any(String) },
      });
      expect(item.json).not.toHaveProperty('dashboard_url');
      expect(isMp4(item.binary!.data!.data)).toBe(true);
    }
  });

  it("a Retry of a failed execution gets the first execution's videos back, which do not call it: it polls, not parks", async () => {
    sim.configure({ speed: 150 });
    const base = { resource: 'rants', operation: 'create', previewOnly: true };
    const failed = newExecution('exec-first-failed');
    const original = await runOk(sim, { ...base, waitMode: 'polling' }, { execution: failed });
    // n8n's Retry starts a new execution from the failed one's data: the automatic keys stay the first execution's.
    execution = { ...newExecution('exec-its-retry'), contextData: structuredClone(failed.contextData) };
    params = { ...base, waitMode: 'webhook' };
    const { items } = await runOk(sim, params, {
      execution,
      resumeUrl: `${receiver.url}/webhook-waiting/${execution.executionId}`,
    });
    expect(execution.waitTill).toBeUndefined();
    expect(items[0]!.json).toMatchObject({ status: 'completed', video_id: original.items[0]!.json.video_id });
  });

  it("downloads as item 0 says for every item it waits for via webhook (the resume call reads item 0's setting)", async () => {
    const keys = ['row-d0', 'row-d1'];
    const twoItems = [{ json: {} }, { json: {} }];
    const base = { resource: 'confession', operation: 'create', previewOnly: true };
    await runOk(sim, (i) => ({ ...base, waitMode: 'polling', options: { idempotencyKey: keys[i] } }), {
      items: twoItems,
    });
    params = { ...base, waitMode: 'webhook' };
    const { items } = await runOk(
      sim,
      (i) => ({ ...base, waitMode: 'webhook', download: i === 1, options: { idempotencyKey: keys[i] } }),
      { execution, items: twoItems, resumeUrl: `${receiver.url}/webhook-waiting/${execution.executionId}` },
    );
    // Both videos had already ended: finished at once, and neither downloaded, as item 0 asks.
    expect(execution.waitTill).toBeUndefined();
    expect(items.map((item) => item.json.status)).toEqual(['completed', 'completed']);
    expect(items.map((item) => item.binary)).toEqual([undefined, undefined]);
  });

  it("fails fast, creating nothing, when the execution's custom data cannot hold the list", async () => {
    params = { resource: 'list', operation: 'create', previewOnly: true, waitMode: 'webhook' };
    const resumeUrl = `${receiver.url}/webhook-waiting/${execution.executionId}`;
    const taken = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`other_${i}`, 'x']));

    // Other nodes took all 10 keys: not even one item can be followed.
    execution.customData = taken(CUSTOM_DATA_LIMITS.keys);
    const full = run(sim, params, { execution, resumeUrl });
    const fullError = await full.result.then(
      () => undefined,
      (e: Error & { description?: string }) => e,
    );
    expect(fullError!.message).toMatch(
      /can hold at most 0 items per run: split the batch \(Loop Over Items\) or use Wait via polling/,
    );
    expect(full.ctx.requests).toHaveLength(0);

    // Two keys left: 41 items at the longest possible video ID.
    execution.customData = taken(CUSTOM_DATA_LIMITS.keys - 2);
    const items = Array.from({ length: 42 }, () => ({ json: {} }));
    const some = run(sim, params, { execution, resumeUrl, items });
    const someError = await some.result.then(
      () => undefined,
      (e: Error & { description?: string }) => e,
    );
    expect(someError!.message).toMatch(/can hold at most 41 items per run/);
    expect(someError!.description).toMatch(/This run has 42 items\. Nothing was created/);
    expect(some.ctx.requests).toHaveLength(0);
  });

  it('follows a full batch of 50 within n8n custom data limits and resumes with all 50', async () => {
    sim.configure({ speed: 150 });
    params = { resource: 'didyouknow', operation: 'create', previewOnly: true, waitMode: 'webhook' };
    const { items } = await runOk(sim, params, {
      execution,
      items: Array.from({ length: 50 }, () => ({ json: {} })),
      resumeUrl: `${receiver.url}/webhook-waiting/${execution.executionId}`,
    });
    expect(execution.waitTill).toBeInstanceOf(Date);
    expect(execution.customDataErrors).toEqual([]);
    const resumed = await firstResume(20_000);
    const out = resumed.items as Array<{ json: Record<string, unknown>; pairedItem: unknown }>;
    expect(out).toHaveLength(50);
    expect(out.map((i) => i.json.video_id)).toEqual(items.map((i) => i.json.video_id));
    expect(out.every((i) => i.json.status === 'completed')).toBe(true);
  });
});
