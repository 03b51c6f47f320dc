/**
 * The Trending Trigger receiving real signed deliveries from the simulator (sent to a loopback endpoint that runs the
 * node's webhook with the exact bytes and headers received), plus forged ones.
 */
import type { SimulatorHandle } from '@trending/simulator';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { signWebhookDelivery } from '../../packages/core/src';
import { TrendingTrigger } from '../../triggers/TrendingTrigger/TrendingTrigger.node';
import { listen, newExecution, webhookContext, type WebhookRequestInput } from './context';
import { apiCredentials, expectNoSecrets, isMp4, runOk, startSim } from './harness';

vi.mock('n8n-workflow', async (importOriginal) => {
  const actual = await importOriginal<typeof import('n8n-workflow')>();
  return { ...actual, sleep: async (ms: number, signal?: AbortSignal) => await actual.sleep(Math.min(ms, 20), signal) };
});

const SECRET = 'whsec_n8n_trigger_secret_0001';
const OLD_SECRET = 'whsec_n8n_trigger_secret_0000';
const trigger = new TrendingTrigger();

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
afterEach(() => sim.reset());

interface Outcome {
  status: number;
  body: Record<string, unknown>;
  items?: INodeExecutionData[];
}

function triggerHarness(parameters: INodeParameters = {}, secrets = { secret: SECRET, previousSecret: OLD_SECRET }) {
  const execution = newExecution('trigger-static');
  const outcomes: Outcome[] = [];
  async function deliver(request: WebhookRequestInput): Promise<Outcome> {
    const ctx = webhookContext(
      {
        nodeType: trigger,
        nodeTypeName: 'n8n-nodes-trending.trendingTrigger',
        parameters,
        credentials: { trendingWebhookSigningApi: secrets, ...apiCredentials(sim) },
      },
      execution,
      request,
    );
    const out = await trigger.webhook.call(ctx);
    const outcome = {
      status: ctx.response.status,
      body: ctx.response.body as Record<string, unknown>,
      items: out.workflowData?.[0],
    };
    outcomes.push(outcome);
    return outcome;
  }
  return { deliver, outcomes, execution };
}

async function createWithWebhook(url: string, template = 'rants') {
  return await runOk(
    sim,
    { resource: template, operation: 'create', previewOnly: true, sendWebhook: true, webhookUrl: url },
    { credentials: { ...apiCredentials(sim), trendingWebhookSigningApi: { secret: SECRET } } },
  );
}

describe('Trending Trigger', () => {
  it('accepts a signed delivery from Trending and outputs the event without secrets', async () => {
    const harness = triggerHarness();
    const endpoint = await listen(async (request) => await harness.deliver(request));
    try {
      const created = await createWithWebhook(`${endpoint.url}/webhook/abc/trending`);
      const outcome = await vi.waitFor(
        () => {
          const found = harness.outcomes.find((o) => o.items);
          if (!found) throw new Error('no delivery yet');
          return found;
        },
        { timeout: 15_000, interval: 25 },
      );
      expect(outcome.status).toBe(200);
      const json = outcome.items![0]!.json;
      expect(json).toMatchObject({
        event: 'trending.rants.v001.completed',
        video_id: created.items[0]!.json.video_id,
        template: 'rants',
        status: 'completed',
        delivery_id: expect.any(String),
        signature_scheme: 'v1',
        signed_with_previous_secret: false,
      });
      expect(Object.keys(json.headers as object).sort()).not.toContain('x-trending-signature-v1');
      expectNoSecrets(outcome.items, [SECRET, OLD_SECRET]);
    } finally {
      await endpoint.close();
    }
  });

  it('copies of one delivery at the same instant start once, though each request sees static data not yet saved', async () => {
    const signed = (raw: string) => ({
      rawBody: Buffer.from(raw),
      headers: {
        ...signWebhookDelivery(SECRET, Date.now(), raw),
        'content-type': 'application/json',
        'x-trending-delivery': 'dlv_burst_unit',
        'x-trending-event': 'trending.story.v001.completed',
      },
    });
    const raw = JSON.stringify({ event: 'trending.story.v001.completed', video_id: 5150, template: 'story' });
    // n8n loads the workflow (and its static data) afresh for every request: one harness per copy.
    const copies = await Promise.all(Array.from({ length: 5 }, () => triggerHarness().deliver(signed(raw))));
    expect(copies.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);
    expect(copies.filter((c) => c.items !== undefined)).toHaveLength(1);
    expect(copies.filter((c) => c.body.duplicate === true)).toHaveLength(4);
  });

  it("starts once per delivery id: Trending's duplicate is acknowledged and ignored", async () => {
    sim.configure({ duplicateDeliveries: true });
    const harness = triggerHarness();
    const endpoint = await listen(async (request) => await harness.deliver(request));
    try {
      await createWithWebhook(`${endpoint.url}/hook`, 'list');
      await vi.waitFor(
        () => {
          if (harness.outcomes.length < 2) throw new Error('waiting for the duplicate');
        },
        { timeout: 15_000, interval: 25 },
      );
      expect(harness.outcomes.filter((o) => o.items)).toHaveLength(1);
      expect(harness.outcomes[1]).toMatchObject({ status: 200, body: { duplicate: true } });
    } finally {
      await endpoint.close();
    }
  });

  const raw = JSON.stringify({
    event: 'trending.story.v001.completed',
    video_id: 12345,
    template: 'story',
    status: 'completed',
    render_url: null,
    error: null,
  });

  it.each([
    [
      'tampered',
      { rawBody: Buffer.from(raw.replace('12345', '12346')), headers: signWebhookDelivery(SECRET, Date.now(), raw) },
      'signature_mismatch',
    ],
    [
      'stale',
      { rawBody: Buffer.from(raw), headers: signWebhookDelivery(SECRET, Date.now() - 10 * 60_000, raw) },
      'timestamp_too_old',
    ],
    ['unsigned', { rawBody: Buffer.from(raw), headers: { 'content-type': 'application/json' } }, 'missing_signature'],
    [
      'signed with another secret',
      { rawBody: Buffer.from(raw), headers: signWebhookDelivery('whsec_someone_else_123', Date.now(), raw) },
      'signature_mismatch',
    ],
  ])('rejects a %s delivery with 401 and starts nothing', async (_name, request, reason) => {
    const harness = triggerHarness();
    const outcome = await harness.deliver(request as WebhookRequestInput);
    expect(outcome.status).toBe(401);
    expect(outcome.body.error).toBe(reason);
    expect(outcome.items).toBeUndefined();
  });

  it('accepts the previous secret during a rotation, and says so', async () => {
    const harness = triggerHarness();
    const outcome = await harness.deliver({
      rawBody: Buffer.from(raw),
      headers: { ...signWebhookDelivery(OLD_SECRET, Date.now(), raw), 'x-trending-delivery': 'dlv_1' },
    });
    expect(outcome.status).toBe(200);
    expect(outcome.items![0]!.json).toMatchObject({ signed_with_previous_secret: true, delivery_id: 'dlv_1' });
  });

  it('acknowledges but ignores events outside the filter; wildcards span templates', async () => {
    const progress = JSON.stringify({ event: 'trending.story.v001.progress', video_id: 1, template: 'story' });
    const harness = triggerHarness({ events: 'trending.*.v001.completed' });
    const ignored = await harness.deliver({
      rawBody: Buffer.from(progress),
      headers: signWebhookDelivery(SECRET, Date.now(), progress),
    });
    expect(ignored).toMatchObject({ status: 200, body: { ignored: expect.any(String) } });
    expect(ignored.items).toBeUndefined();
    const wanted = await harness.deliver({
      rawBody: Buffer.from(raw),
      headers: signWebhookDelivery(SECRET, Date.now(), raw),
    });
    expect(wanted.items).toHaveLength(1);
  });

  it('optionally fetches the final status and downloads the MP4 with the API credential', async () => {
    const harness = triggerHarness({ fetchFinalStatus: true, download: true, binaryPropertyName: 'mp4' });
    const endpoint = await listen(async (request) => await harness.deliver(request));
    try {
      await runOk(
        sim,
        {
          resource: 'confession',
          operation: 'create',
          sendWebhook: true,
          webhookUrl: `${endpoint.url}/hook`,
          prompt: 'I ate the office cake.',
        },
        { credentials: { ...apiCredentials(sim), trendingWebhookSigningApi: { secret: SECRET } } },
      );
      const outcome = await vi.waitFor(
        () => {
          const found = harness.outcomes.find((o) => o.items);
          if (!found) throw new Error('no delivery yet');
          return found;
        },
        { timeout: 15_000, interval: 25 },
      );
      const item = outcome.items![0]!;
      expect(item.json.final_status).toMatchObject({ status: 'completed' });
      expect(isMp4(item.binary!.mp4!.data)).toBe(true);
    } finally {
      await endpoint.close();
    }
  });
});
