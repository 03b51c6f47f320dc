/**
 * Wait via webhook parks whenever the video calls this execution back, whether or not Trending's create answer echoes
 * the webhook (the reference never promises it), with no status read in between; a custom key's video that may not
 * call back is waited for by polling.
 */
import type { SimulatorHandle } from '@trending/simulator';
import type { INodeParameters } from 'n8n-workflow';

import { destinationOf } from '../../nodes/Trending/helpers/parking';
import { listen, newExecution, webhookContext, type ExecutionState, type WebhookRequestInput } from './context';
import { apiCredentials, node, runOk, startSim } from './harness';
import { createAnswerProxy, withoutWebhookEcho, type CreateAnswerRewrite } from '../n8n/proxy';

vi.mock('n8n-workflow', async (importOriginal) => {
  const actual = await importOriginal<typeof import('n8n-workflow')>();
  return { ...actual, sleep: async (ms: number, signal?: AbortSignal) => await actual.sleep(Math.min(ms, 20), signal) };
});

describe('where a created video calls back', () => {
  const sent = 'http://127.0.0.1:5678/webhook-waiting/41/trending?signature=abc&x=1';

  it('decides where a video calls: automatic keys always here; custom keys by the echo and the run, else elsewhere', () => {
    const answer = (url?: string) => ({
      video_id: 1,
      status: 'queued',
      ...(url === undefined ? {} : { webhook: { enabled: true, url } }),
    });
    const automatic = { executionsOwn: true, firstRun: true };
    const custom = { executionsOwn: false, firstRun: true };
    const customAgain = { executionsOwn: false, firstRun: false };
    expect(destinationOf(sent, answer(), automatic)).toBe('here');
    expect(destinationOf(sent, answer('https://elsewhere.example.com/x'), { ...automatic, firstRun: false })).toBe(
      'here',
    );
    expect(destinationOf(sent, answer(), custom)).toBe('elsewhere');
    expect(destinationOf(sent, answer('https://elsewhere.example.com/x'), custom)).toBe('elsewhere');
    // The same URL: on the node's first run in the execution no earlier wait can have spent its delivery.
    expect(destinationOf(sent, answer(sent.replace('http://', 'HTTP://')), custom)).toBe('here');
    expect(destinationOf(sent, answer(sent.replace('http://', 'HTTP://')), customAgain)).toBe('hereIfRunning');
    expect(destinationOf(undefined, answer(sent), automatic)).toBe('elsewhere');
  });
});

describe('Wait via webhook against an API that answers differently', () => {
  let sim: SimulatorHandle;
  let execution: ExecutionState;
  let receiver: Awaited<ReturnType<typeof listen>>;
  let params: INodeParameters;
  let proxy: Awaited<ReturnType<typeof createAnswerProxy>> | undefined;
  const resumed: Array<{ status: number; items?: unknown[] }> = [];

  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    resumed.length = 0;
    execution = newExecution();
    receiver = await listen(resume);
  });
  afterEach(async () => {
    await receiver.close();
    await proxy?.close();
    proxy = undefined;
    sim.reset();
  });

  async function resume(request: WebhookRequestInput) {
    // n8n answers 409 until the execution is parked; Trending delivers again later.
    if (!execution.waitTill) return { status: 409, body: {} };
    const ctx = webhookContext(
      { nodeType: node, parameters: params, credentials: apiCredentials(sim) },
      execution,
      request,
    );
    const out = await node.webhook!.call(ctx);
    if (out.workflowData) {
      execution.waitTill = undefined;
      resumed.push({ status: ctx.response.status, items: out.workflowData[0] });
    }
    return { status: ctx.response.status, body: ctx.response.body };
  }

  async function runThrough(rewrite: CreateAnswerRewrite, parameters: INodeParameters, run = execution, runIndex = 0) {
    proxy = await createAnswerProxy(sim.url, rewrite);
    params = parameters;
    const result = await runOk(sim, parameters, {
      execution: run,
      runIndex,
      credentials: { trendingApi: { apiKey: 'sk_test_pro', baseUrl: proxy.url } },
      resumeUrl: `${receiver.url}/webhook-waiting/${run.executionId}`,
    });
    const videoId = result.items[0]!.json.video_id as number;
    const reads = result.ctx.requests.filter(
      (r) =>
        r.method === 'GET' && new URL(r.url).pathname === `/api/v1/${String(parameters.resource)}/videos/${videoId}`,
    );
    return { ...result, videoId, reads };
  }

  it('an answer with no `webhook` parks with 0 status reads, and resumes on the signed delivery', async () => {
    sim.configure({ speed: 150 });
    const { items, videoId, reads } = await runThrough(withoutWebhookEcho, {
      resource: 'rants',
      operation: 'create',
      previewOnly: true,
      waitMode: 'webhook',
    });
    expect(items[0]!.json.webhook).toBeUndefined();
    expect(execution.waitTill).toBeInstanceOf(Date);
    expect(reads).toHaveLength(0);
    const call = await vi.waitFor(
      () => {
        if (resumed.length === 0) throw new Error('not resumed yet');
        return resumed[0]!;
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(call.status).toBe(200);
    expect((call.items as Array<{ json: Record<string, unknown> }>)[0]!.json).toMatchObject({
      status: 'completed',
      video_id: videoId,
    });
  });

  it('a custom key with no echo is waited for by polling (it may be an earlier video that calls elsewhere)', async () => {
    sim.configure({ speed: 150 });
    const { items, reads } = await runThrough(withoutWebhookEcho, {
      resource: 'rants',
      operation: 'create',
      previewOnly: true,
      waitMode: 'webhook',
      options: { idempotencyKey: 'row-no-echo' },
    });
    expect(execution.waitTill).toBeUndefined();
    expect(items[0]!.json.status).toBe('completed');
    expect(reads.length).toBeGreaterThan(0);
  });

  it("a custom key whose echo is this execution's URL spelled differently parks: at once on the node's first run, after one status read on a later run", async () => {
    sim.configure({ speed: 20 });
    // Scheme case and a trailing slash: the same address as the resume URL that was sent.
    const sameAddress: CreateAnswerRewrite = (answer) => {
      const webhook = answer.webhook as { url: string };
      return { ...answer, webhook: { ...webhook, url: `${webhook.url.replace('http://', 'HTTP://')}/` } };
    };
    const parameters = {
      resource: 'rants',
      operation: 'create',
      previewOnly: true,
      waitMode: 'webhook',
      options: { idempotencyKey: 'row-respelled' },
    };
    const first = await runThrough(sameAddress, parameters);
    expect(execution.waitTill).toBeInstanceOf(Date);
    expect(first.reads).toHaveLength(0);
    // A later run (Loop Over Items) with the same key gets the same video back, whose delivery the first run's wait
    // may have spent: read once, still running, parked.
    await proxy?.close();
    execution.waitTill = undefined;
    const later = await runThrough(sameAddress, parameters, execution, 1);
    expect(later.videoId).toBe(first.videoId);
    expect(execution.waitTill).toBeInstanceOf(Date);
    expect(later.reads).toHaveLength(1);
  });

  it('a custom key whose echo is another URL is an earlier video: waited for by polling', async () => {
    sim.configure({ speed: 150 });
    const elsewhere: CreateAnswerRewrite = (answer) => ({
      ...answer,
      webhook: { enabled: true, url: 'https://n8n.example.com/webhook-waiting/other/trending' },
    });
    const { items, reads } = await runThrough(elsewhere, {
      resource: 'rants',
      operation: 'create',
      previewOnly: true,
      waitMode: 'webhook',
      options: { idempotencyKey: 'row-elsewhere' },
    });
    expect(execution.waitTill).toBeUndefined();
    expect(items[0]!.json.status).toBe('completed');
    expect(reads.length).toBeGreaterThan(0);
  });
});
