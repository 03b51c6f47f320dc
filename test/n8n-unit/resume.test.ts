/**
 * The resume call of Wait via webhook, driven directly: it waits for every video of the run, and falls back to the
 * delivering video when the execution's custom data holds no job list. Plus the trigger's bounded de-duplication.
 */
import type { SimulatorHandle } from '@trending/simulator';
import type { INodeParameters } from 'n8n-workflow';

import { signWebhookDelivery } from '../../packages/core/src';
import { encodeJobs, jobsKey, waitSecret } from '../../nodes/Trending/helpers/waitWebhook';
import { DEDUPE_LIMIT, rememberDelivery } from '../../triggers/TrendingTrigger/delivery';
import { newExecution, webhookContext } from './context';
import { apiCredentials, node, PRO, runOk, startSim } from './setup';

vi.mock('n8n-workflow', async (importOriginal) => {
  const actual = await importOriginal<typeof import('n8n-workflow')>();
  return { ...actual, sleep: async (ms: number, signal?: AbortSignal) => await actual.sleep(Math.min(ms, 20), signal) };
});

const NODE_ID = '3f1a2b4c-5d6e-4f70-8a91-b2c3d4e5f607';
let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
afterEach(() => sim.reset());

const params: INodeParameters = { resource: 'rants', operation: 'create', waitMode: 'webhook' };

async function callResume(executionId: string, customData: Record<string, string>, payload: Record<string, unknown>) {
  const execution = { ...newExecution(executionId), customData };
  const raw = JSON.stringify(payload);
  const ctx = webhookContext({ nodeType: node, parameters: params, credentials: apiCredentials(sim) }, execution, {
    rawBody: Buffer.from(raw),
    headers: {
      ...signWebhookDelivery(waitSecret(PRO, executionId, NODE_ID), Date.now(), raw),
      'content-type': 'application/json',
    },
  });
  const out = await node.webhook!.call(ctx);
  return {
    status: ctx.response.status,
    body: ctx.response.body as Record<string, unknown>,
    items: out.workflowData?.[0],
  };
}

describe('resume call', () => {
  it('acknowledges but keeps waiting while another video of the run is still going', async () => {
    const done = await runOk(sim, { resource: 'rants', operation: 'create', previewOnly: true, waitMode: 'polling' });
    sim.configure({ speed: 0.01 });
    const running = await runOk(sim, { resource: 'rants', operation: 'create', previewOnly: true });
    const ids = [done.items[0]!.json.video_id as number, running.items[0]!.json.video_id as number];
    const customData = { [jobsKey(NODE_ID)]: encodeJobs({ template: 'rants', videoIds: ids }) };
    const result = await callResume('exec-r1', customData, {
      event: 'trending.rants.v001.completed',
      video_id: ids[0],
      template: 'rants',
      status: 'completed',
    });
    expect(result).toMatchObject({ status: 200, body: { resumed: false, waiting_for: ids[1] } });
    expect(result.items).toBeUndefined();
  });

  it('without a recorded job list, resumes with the delivering video', async () => {
    const done = await runOk(sim, { resource: 'rants', operation: 'create', previewOnly: true, waitMode: 'polling' });
    const videoId = done.items[0]!.json.video_id as number;
    const result = await callResume(
      'exec-r2',
      {},
      {
        event: 'trending.rants.v001.completed',
        video_id: videoId,
        template: 'rants',
        status: 'completed',
      },
    );
    expect(result.status).toBe(200);
    expect(result.items).toHaveLength(1);
    expect(result.items![0]!.json).toMatchObject({ video_id: videoId, status: 'completed' });
  });

  it('reports a failed video as an item with its pipeline error', async () => {
    sim.configure({ failNext: { code: 'render_failed', template: 'rants' } });
    const { items } = await runOk(sim, { resource: 'rants', operation: 'create' }, {});
    const videoId = items[0]!.json.video_id as number;
    await vi.waitFor(
      async () => {
        const res = await fetch(`${sim.url}/api/v1/rants/videos/${videoId}`, {
          headers: { authorization: `Bearer ${PRO}` },
        });
        const json = (await res.json()) as { status: string };
        if (json.status !== 'failed') throw new Error(json.status);
      },
      { timeout: 10_000, interval: 25 },
    );
    const customData = { [jobsKey(NODE_ID)]: encodeJobs({ template: 'rants', videoIds: [videoId] }) };
    const result = await callResume('exec-r3', customData, {
      event: 'trending.rants.v001.failed',
      video_id: videoId,
      template: 'rants',
      status: 'failed',
    });
    expect(result.items![0]!.json).toMatchObject({ status: 'failed', error: { code: 'render_failed' } });
  });
});

describe('trigger de-duplication memory', () => {
  it('remembers delivery ids, refuses repeats, and stays bounded', () => {
    const staticData = {};
    expect(rememberDelivery(staticData, 'd-1', Date.now())).toBe(true);
    expect(rememberDelivery(staticData, 'd-1', Date.now())).toBe(false);
    for (let i = 0; i < DEDUPE_LIMIT + 10; i++) rememberDelivery(staticData, `x-${i}`, Date.now());
    expect((staticData as { trendingDeliveries: unknown[] }).trendingDeliveries).toHaveLength(DEDUPE_LIMIT);
  });
});
