/**
 * The resume call of Wait via webhook, driven directly: it waits for every video of the run, and falls back to the
 * delivering video when the execution's custom data holds no job list. Plus the trigger's bounded de-duplication.
 */
import type { SimulatorHandle } from '@trending/simulator';
import type { INodeParameters } from 'n8n-workflow';

import { deriveWebhookSecret, signWebhookDelivery, type TemplateId } from '../../packages/core/src';
import { RESUME_CONCURRENCY } from '../../nodes/Trending/actions/video/resume.webhook';
import { encodeJobs, jobsKeys } from '../../nodes/Trending/helpers/waitWebhook';
import { DEDUPE_LIMIT, rememberDelivery } from '../../triggers/TrendingTrigger/delivery';
import { maxInFlight, newExecution, webhookContext, type RecordedRequest } from './context';
import { apiCredentials, node, PRO, runOk, startSim } from './harness';

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

/** The custom data of a parked run of the node waiting for these videos. */
function jobsData(template: TemplateId, videoIds: Array<number | null>): Record<string, string> {
  const keys = jobsKeys(NODE_ID);
  return Object.fromEntries(encodeJobs({ template, videoIds }).map((value, part) => [keys[part]!, value]));
}

const params: INodeParameters = { resource: 'rants', operation: 'create', waitMode: 'webhook' };

async function callResume(
  executionId: string,
  customData: Record<string, string>,
  payload: Record<string, unknown>,
  extra: { parameters?: INodeParameters; requests?: RecordedRequest[]; apiKey?: string } = {},
) {
  const execution = { ...newExecution(executionId), customData };
  const raw = JSON.stringify(payload);
  const options = {
    nodeType: node,
    parameters: extra.parameters ?? params,
    credentials: apiCredentials(sim, extra.apiKey),
    requests: extra.requests,
  };
  const ctx = webhookContext(options, execution, {
    rawBody: Buffer.from(raw),
    headers: {
      ...signWebhookDelivery(deriveWebhookSecret(PRO, 'n8n-wait', executionId), Date.now(), raw),
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
    const customData = jobsData('rants', ids);
    const result = await callResume('exec-r1', customData, {
      event: 'trending.rants.v001.completed',
      video_id: ids[0],
      template: 'rants',
      status: 'completed',
    });
    expect(result).toMatchObject({ status: 200, body: { received: true } });
    expect(result.items).toBeUndefined();
  });

  it('with Download on, a delivery that does not end the wait fetches its MP4 at once, from the delivered render URL', async () => {
    const done = await runOk(sim, { resource: 'rants', operation: 'create', waitMode: 'polling' });
    sim.configure({ speed: 0.01 });
    const running = await runOk(sim, { resource: 'rants', operation: 'create', previewOnly: true });
    const ids = [done.items[0]!.json.video_id as number, running.items[0]!.json.video_id as number];
    const read = await fetch(`${sim.url}/api/v1/rants/videos/${ids[0]}`, {
      headers: { authorization: `Bearer ${PRO}` },
    });
    const renderUrl = ((await read.json()) as { render: { render_url: string } }).render.render_url;
    const requests: RecordedRequest[] = [];
    const result = await callResume(
      'exec-early-mp4',
      jobsData('rants', ids),
      {
        event: 'trending.rants.v001.completed',
        video_id: ids[0],
        template: 'rants',
        status: 'completed',
        render_url: renderUrl,
      },
      { requests, parameters: { ...params, download: true } },
    );
    expect(result).toMatchObject({ status: 200, items: undefined });
    expect(requests.filter((r) => r.url.includes('/renders/')).map((r) => r.url)).toEqual([renderUrl]);
  });

  it('never throws (n8n would resume the execution with no run data): an unexpected failure answers 500 and stays parked', async () => {
    const execution = { ...newExecution('exec-no-credential'), customData: jobsData('rants', [1]) };
    const raw = JSON.stringify({
      event: 'trending.rants.v001.completed',
      video_id: 1,
      template: 'rants',
      status: 'completed',
    });
    const ctx = webhookContext({ nodeType: node, parameters: params, credentials: {} }, execution, {
      rawBody: Buffer.from(raw),
      headers: { 'content-type': 'application/json' },
    });
    const out = await node.webhook!.call(ctx);
    expect(out).toEqual({ noWebhookResponse: true });
    expect(ctx.response).toMatchObject({ status: 500, body: { error: 'resume_failed' } });
  });

  it('acknowledges, without resuming, a genuine delivery for a video another node of the execution waited for', async () => {
    const mine = await runOk(sim, { resource: 'rants', operation: 'create', previewOnly: true, waitMode: 'polling' });
    const requests: RecordedRequest[] = [];
    const result = await callResume(
      'exec-r0',
      jobsData('rants', [mine.items[0]!.json.video_id as number]),
      { event: 'trending.story.v001.completed', video_id: 987654, template: 'story', status: 'completed' },
      { requests },
    );
    expect(result).toMatchObject({ status: 200, body: { resumed: false, ignored: expect.any(String) } });
    expect(result.items).toBeUndefined();
    expect(requests).toHaveLength(0);
  });

  it('takes the delivered video as ended, reads the others last item first and stops at the first still running', async () => {
    const done = await runOk(
      sim,
      { resource: 'rants', operation: 'create', previewOnly: true, waitMode: 'polling' },
      { items: Array.from({ length: 4 }, () => ({ json: {} })) },
    );
    sim.configure({ speed: 0.01 });
    const running = await runOk(sim, { resource: 'rants', operation: 'create', previewOnly: true });
    const ids = [...done.items.map((i) => i.json.video_id as number), running.items[0]!.json.video_id as number];
    const requests: RecordedRequest[] = [];
    const result = await callResume(
      'exec-r4',
      jobsData('rants', ids),
      { event: 'trending.rants.v001.completed', video_id: ids[0], template: 'rants', status: 'completed' },
      { requests },
    );
    expect(result).toMatchObject({ status: 200, body: { received: true }, items: undefined });
    const reads = requests.filter((r) => r.method === 'GET').map((r) => Number(r.url.split('/').pop()));
    expect(reads).toEqual([ids[4]]);
  });

  it('once every video has ended, fetches and downloads them a few at a time, one item per input item', async () => {
    const done = await runOk(
      sim,
      { resource: 'rants', operation: 'create', waitMode: 'polling' },
      { items: Array.from({ length: 8 }, () => ({ json: {} })) },
    );
    const ids = done.items.map((i) => i.json.video_id as number);
    const requests: RecordedRequest[] = [];
    const result = await callResume(
      'exec-r5',
      jobsData('rants', ids),
      { event: 'trending.rants.v001.completed', video_id: ids[7], template: 'rants', status: 'completed' },
      { requests, parameters: { ...params, download: true } },
    );
    expect(result.body).toEqual({ received: true });
    expect(result.items!.map((i) => i.json.video_id)).toEqual(ids);
    expect(result.items!.every((i) => i.binary?.data?.mimeType === 'video/mp4')).toBe(true);
    const statusGets = requests.filter((r) => r.method === 'GET' && r.url.includes('/api/v1/rants/videos/'));
    const downloads = requests.filter((r) => r.url.includes('/renders/'));
    expect(downloads).toHaveLength(8);
    // The check read the 7 undelivered videos once each; the final work reuses those statuses (read moments ago)
    // and reads only the delivered one: 8 reads for 8 videos, then 8 downloads a few at a time.
    expect(statusGets).toHaveLength(8);
    expect(maxInFlight(downloads)).toBeGreaterThan(1);
    expect(maxInFlight(downloads)).toBeLessThanOrEqual(RESUME_CONCURRENCY);
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

  it('after the API key was rotated, a delivery signed for the old key gets 401 and nothing resumes (docs/n8n.md)', async () => {
    const done = await runOk(sim, { resource: 'rants', operation: 'create', previewOnly: true, waitMode: 'polling' });
    const videoId = done.items[0]!.json.video_id as number;
    const payload = {
      event: 'trending.rants.v001.completed',
      video_id: videoId,
      template: 'rants',
      status: 'completed',
    };
    const rotated = await callResume('exec-rot', jobsData('rants', [videoId]), payload, { apiKey: 'sk_test_starter' });
    expect(rotated).toMatchObject({ status: 401, items: undefined });
    const same = await callResume('exec-rot', jobsData('rants', [videoId]), payload);
    expect(same.status).toBe(200);
    expect(same.items).toHaveLength(1);
  });

  it('reports an item that failed before the wait with its kept error code and a message that stands on its own', async () => {
    const { items } = await runOk(sim, { resource: 'rants', operation: 'create', previewOnly: true }, {});
    const videoId = items[0]!.json.video_id as number;
    await vi.waitFor(
      async () => {
        const res = await fetch(`${sim.url}/api/v1/rants/videos/${videoId}`, {
          headers: { authorization: `Bearer ${PRO}` },
        });
        const json = (await res.json()) as { status: string };
        if (json.status !== 'completed') throw new Error(json.status);
      },
      { timeout: 10_000, interval: 25 },
    );
    const keys = jobsKeys(NODE_ID);
    const stored = (jobs: Parameters<typeof encodeJobs>[0]) =>
      Object.fromEntries(encodeJobs(jobs).map((value, part) => [keys[part]!, value]));
    const payload = {
      event: 'trending.rants.v001.completed',
      video_id: videoId,
      template: 'rants',
      status: 'completed',
    };

    const withCodes = await callResume(
      'exec-r6',
      stored({
        template: 'rants',
        videoIds: [null, videoId, null],
        errorCodes: ['wait_timeout', undefined, 'node_error'],
      }),
      payload,
    );
    const out = withCodes.items!.map((item) => item.json.error as Record<string, string> | undefined);
    expect(out[0]).toMatchObject({ code: 'wait_timeout', hint: expect.stringContaining('keeps rendering') });
    expect(out[0]!.message).toContain('wait_timeout');
    expect(out[0]!.message).toContain('run the item again');
    expect(out[0]!.message).not.toContain('see the error this node reported');
    expect(out[1]).toBeUndefined();
    // No hint of its own: none is made up.
    expect(out[2]).toEqual({ code: 'node_error', message: expect.stringContaining('node_error') });

    // A list written by an older version (bare `!`): a generic code, still with a message that stands on its own.
    const legacy = await callResume('exec-r7', { [keys[0]!]: `v2:1:rants:!,${videoId.toString(36)}` }, payload);
    expect(legacy.items![0]!.json.error).toEqual({
      code: 'create_failed',
      message: expect.stringContaining('run the item again'),
    });
    expect(legacy.items![1]!.json).toMatchObject({ status: 'completed', video_id: videoId });
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
    const customData = jobsData('rants', [videoId]);
    const result = await callResume('exec-r3', customData, {
      event: 'trending.rants.v001.failed',
      video_id: videoId,
      template: 'rants',
      status: 'failed',
    });
    expect(result.items![0]!.json).toMatchObject({ status: 'failed', error: { code: 'render_failed' } });
  });
});

describe('resume call: many deliveries at once', () => {
  /** A parked run of `count` rants videos that have all ended, and a delivery for each, signed for `executionId`. */
  async function endedRun(count: number) {
    const done = await runOk(
      sim,
      { resource: 'rants', operation: 'create', waitMode: 'polling' },
      { items: Array.from({ length: count }, () => ({ json: {} })) },
    );
    const ids = done.items.map((i) => i.json.video_id as number);
    const payload = (videoId: number) => ({
      event: 'trending.rants.v001.completed',
      video_id: videoId,
      template: 'rants',
      status: 'completed',
    });
    return { ids, payload };
  }

  it('simultaneous deliveries for every video: each answered 2xx, one resume, each status read at most twice, one download each', async () => {
    const { ids, payload } = await endedRun(6);
    const requests: RecordedRequest[] = [];
    const parameters = { ...params, download: true };
    const results = await Promise.all(
      ids.map((id) => callResume('exec-burst', jobsData('rants', ids), payload(id), { requests, parameters })),
    );
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 200));
    const resumed = results.filter((r) => r.items !== undefined);
    expect(resumed).toHaveLength(1);
    expect(resumed[0]!.items!.map((i) => i.json.video_id)).toEqual(ids);
    for (const id of ids) {
      const reads = requests.filter((r) => r.method === 'GET' && r.url.endsWith(`/api/v1/rants/videos/${id}`));
      expect(reads.length, `status reads of ${id}`).toBeLessThanOrEqual(2);
    }
    expect(requests.filter((r) => r.url.includes('/renders/'))).toHaveLength(ids.length);
  });

  it('Delivered Fields: simultaneous deliveries for every video resume once with no status read, each item from its delivery', async () => {
    const { ids, payload } = await endedRun(3);
    const requests: RecordedRequest[] = [];
    const parameters = { ...params, options: { webhookOutput: 'delivery' } };
    const delivered = (id: number, index: number) =>
      index === 1
        ? {
            ...payload(id),
            event: 'trending.rants.v001.failed',
            status: 'failed',
            render_url: null,
            error: { code: 'render_failed', message: 'Render failed due to a test.', step: 'render' },
          }
        : { ...payload(id), render_url: `https://renders.example.test/${id}.mp4?signature=abc`, preview_only: false };
    const results = await Promise.all(
      ids.map((id, index) =>
        callResume('exec-delivered', jobsData('rants', ids), delivered(id, index), { requests, parameters }),
      ),
    );
    const resumed = results.filter((r) => r.items !== undefined);
    expect(resumed).toHaveLength(1);
    expect(requests).toHaveLength(0);
    const [first, failed, third] = resumed[0]!.items!.map((item) => item.json);
    expect(first).toEqual({
      template: 'rants',
      video_id: ids[0],
      status: 'completed',
      preview_only: false,
      render: { render_url: `https://renders.example.test/${ids[0]}.mp4?signature=abc` },
    });
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'render_failed' } });
    expect(third!.video_id).toBe(ids[2]);
  });

  it('Delivered Fields: a video this process did not hear of is read and cut to the same fields', async () => {
    const { ids, payload } = await endedRun(2);
    const requests: RecordedRequest[] = [];
    const parameters = { ...params, options: { webhookOutput: 'delivery' } };
    const result = await callResume('exec-cut', jobsData('rants', ids), payload(ids[1]!), { requests, parameters });
    expect(requests.filter((r) => r.method === 'GET')).toHaveLength(1);
    const read = result.items![0]!.json;
    expect(read).toMatchObject({ video_id: ids[0], status: 'completed', render: { render_url: expect.any(String) } });
    expect(Object.keys(read).sort()).toEqual(
      ['pipeline_run_id', 'preview_only', 'render', 'status', 'template', 'template_version', 'video_id'].filter(
        (key) => key in read,
      ),
    );
    expect(read).not.toHaveProperty('dashboard_url');
  });

  it('the same delivery three times at once does the final work once', async () => {
    const { ids, payload } = await endedRun(1);
    const requests: RecordedRequest[] = [];
    const results = await Promise.all(
      [1, 2, 3].map(() => callResume('exec-copies', jobsData('rants', ids), payload(ids[0]!), { requests })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.filter((r) => r.items !== undefined)).toHaveLength(1);
    expect(requests.filter((r) => r.method === 'GET')).toHaveLength(1);
  });

  it('a delivery that comes after the resume is acknowledged and reads nothing', async () => {
    const { ids, payload } = await endedRun(2);
    const first = await callResume('exec-late', jobsData('rants', ids), payload(ids[1]!));
    expect(first.items).toHaveLength(2);
    const requests: RecordedRequest[] = [];
    const late = await callResume('exec-late', jobsData('rants', ids), payload(ids[0]!), { requests });
    expect(late).toMatchObject({ status: 200, items: undefined });
    expect(requests).toHaveLength(0);
  });

  it('a later run of the node in the execution (Loop Over Items) parks with its own videos and resumes on their deliveries', async () => {
    const { ids, payload } = await endedRun(2);
    const first = await callResume('exec-loop-runs', jobsData('rants', [ids[0]!]), payload(ids[0]!));
    expect(first.items!.map((i) => i.json.video_id)).toEqual([ids[0]]);
    const second = await callResume('exec-loop-runs', jobsData('rants', [ids[1]!]), payload(ids[1]!));
    expect(second.items!.map((i) => i.json.video_id)).toEqual([ids[1]]);
  });

  it('a process that saw no earlier delivery (restarted, or another webhook process) reads what it does not know', async () => {
    const { ids, payload } = await endedRun(3);
    const requests: RecordedRequest[] = [];
    const result = await callResume('exec-fresh-process', jobsData('rants', ids), payload(ids[2]!), { requests });
    expect(result.items!.map((i) => i.json.video_id)).toEqual(ids);
    expect(requests.filter((r) => r.method === 'GET')).toHaveLength(3);
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
