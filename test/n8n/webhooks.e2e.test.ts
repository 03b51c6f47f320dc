/**
 * Webhook flows under `n8n start` on loopback (one n8n for both, it boots in about 15 s):
 * (b) Story > Create with "Wait for Completion: Via Webhook": the execution parks (status waiting, no worker held),
 *     a forged delivery to its resume URL is refused, and the simulator's signed completed event resumes it to the
 *     final status with the MP4;
 * (c) a published Trending Trigger workflow: signed events start executions; tampered ones get 401 and start none;
 *     a replayed delivery is acknowledged and starts none; the simulator's own signed delivery starts one.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { signWebhookDelivery } from '@trending/core';
import { SAMPLE_MP4_PATH } from '@trending/simulator';
import { describeE2e, type E2eContext, e2eContext, SIGNING_SECRET } from './context';
import { isMp4, loadWorkflow, type PublicExecution, waitFor } from './harness';

const STORY_WF = 'e2eStoryWebhook1';
const TRIGGER_WF = 'e2eTrendTrigger1';
const TRIGGER_WEBHOOK_ID = '6a0c3a52-8a3e-4f5e-9d41-0e2e00000005';

function runsOf(exec: PublicExecution, node: string) {
  const runs = exec.data?.resultData.runData[node];
  if (!runs?.length) throw new Error(`node "${node}" has no run in execution ${exec.id}`);
  return runs;
}

describeE2e('webhooks under n8n start', () => {
  let ctx: E2eContext;
  let triggerUrl: string;

  beforeAll(async () => {
    ctx = await e2eContext('webhooks', { speed: 100 });
    for (const name of ['story-webhook-wait', 'trigger-receive']) {
      const wf = loadWorkflow(name);
      await ctx.n8n.importWorkflow(wf);
      await ctx.n8n.publishWorkflow(wf.id);
    }
    await ctx.n8n.start();
    await ctx.n8n.loginOwner();
    triggerUrl = `${ctx.n8n.baseUrl}/webhook/${TRIGGER_WEBHOOK_ID}/trending`;
  });
  afterAll(async () => {
    await ctx?.dispose();
  });

  describe('(b) Story > Create, wait via webhook', () => {
    it('parks the execution, refuses a forged resume, and resumes on the signed completed event', async () => {
      // Real time for the simulator while n8n parks the execution (231 API-seconds for a 10-slide Story), so that
      // "parked while rendering" holds however slow the machine is; sped up again once the park has been seen.
      ctx.sim.configure({ speed: 1 });
      const start = await fetch(`${ctx.n8n.baseUrl}/webhook/e2e-story-webhook-wait`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'A short scary story about a hotel keycard.' }),
      });
      expect(start.status).toBe(200);

      const parked = await waitFor(
        'the Story execution to park',
        async () => (await ctx.n8n.executions(STORY_WF)).find((e) => e.status === 'waiting'),
        { timeoutMs: 60_000 },
      );
      // Parked while the video is still rendering.
      const video = ctx.state().videos;
      expect(video).toHaveLength(1);
      expect(video[0]!.status).not.toBe('completed');
      // Trending was told to call this execution back, signed with a secret of its own.
      const hook = video[0]!.webhook!;
      expect(hook.url).toMatch(new RegExp(`^${ctx.n8n.baseUrl}/webhook-waiting/${parked.id}(\\?|/|$)`));
      expect(hook.secret_set).toBe(true);
      expect(hook.events).toEqual(['trending.story.v001.completed', 'trending.story.v001.failed']);

      // A delivery signed with any other secret is refused and leaves the execution parked.
      const forgedBody = JSON.stringify({
        event: 'trending.story.v001.completed',
        video_id: video[0]!.video_id,
        template: 'story',
        status: 'completed',
      });
      const forged = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-trending-delivery': `dlv_forged_${randomUUID()}`,
          'x-trending-event': 'trending.story.v001.completed',
          ...signWebhookDelivery('not-the-secret', Date.now(), forgedBody),
        },
        body: forgedBody,
      });
      expect(forged.status).toBe(401);
      expect(await forged.json()).toMatchObject({ error: 'signature_mismatch' });
      expect((await ctx.n8n.execution(parked.id, { includeData: false })).status).toBe('waiting');

      // The simulator finishes the run (about 2 s at speed 100) and delivers the signed completed event to the resume URL.
      ctx.sim.configure({ speed: 100 });
      const done = await waitFor(
        'the Story execution to resume and finish',
        async () => {
          const e = await ctx.n8n.execution(parked.id, { includeData: false });
          return e.status === 'waiting' || e.status === 'running' || e.status === 'new' ? undefined : e;
        },
        { timeoutMs: 90_000, intervalMs: 500 },
      );
      expect(done.status).toBe('success');

      const full = await ctx.n8n.execution(parked.id);
      const runs = runsOf(full, 'Create Story');
      const last = runs[runs.length - 1]!;
      expect(last.error).toBeUndefined();
      const items = last.data?.main?.[0] ?? [];
      expect(items).toHaveLength(1);
      const item = items[0]!;
      expect(item.json).toMatchObject({ template: 'story', status: 'completed', video_id: video[0]!.video_id });
      const bin = item.binary?.video;
      expect(bin, 'binary property "video"').toBeDefined();
      expect(bin!.mimeType).toBe('video/mp4');
      const bytes = ctx.n8n.binaryBytes(bin!);
      expect(isMp4(bytes)).toBe(true);
      expect(bytes.equals(readFileSync(SAMPLE_MP4_PATH))).toBe(true);

      const state = ctx.state();
      expect(state.videos).toHaveLength(1);
      expect(state.videos[0]).toMatchObject({ status: 'completed' });
      expect(state.videos[0]!.charged_credits).toBeGreaterThan(0);
      const deliveries = state.deliveries.filter((d) => d.video_id === video[0]!.video_id);
      expect(deliveries.map((d) => [d.event, d.signed, d.status])).toContainEqual([
        'trending.story.v001.completed',
        true,
        'delivered',
      ]);
      expect(await ctx.n8n.executions(STORY_WF)).toHaveLength(1);
    });
  });

  describe('(c) Trending Trigger', () => {
    const payload = (videoId: number) =>
      JSON.stringify({
        event: 'trending.story.v001.completed',
        pipeline_run_id: randomUUID(),
        video_id: videoId,
        template: 'story',
        template_version: 'v001',
        status: 'completed',
        preview_only: false,
        render_url: null,
        occurred_at: new Date().toISOString(),
        error: null,
      });

    async function deliver(
      rawBody: string,
      deliveryId: string,
      opts: { tamper?: (b: string) => string; secret?: string } = {},
    ) {
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'Trending-Webhooks/1.0',
        'x-trending-delivery': deliveryId,
        'x-trending-event': 'trending.story.v001.completed',
        ...signWebhookDelivery(opts.secret ?? SIGNING_SECRET, Date.now(), rawBody),
      };
      return fetch(triggerUrl, { method: 'POST', headers, body: opts.tamper ? opts.tamper(rawBody) : rawBody });
    }

    /** Delivery ids of the trigger's executions, once `count` of them have finished. */
    async function deliveredIds(count: number): Promise<string[]> {
      const execs = await waitFor(
        `${count} Trending Trigger execution(s)`,
        async () => {
          const list = await ctx.n8n.executions(TRIGGER_WF, { includeData: true });
          return list.length >= count && list.every((e) => e.status === 'success') ? list : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 300 },
      );
      return execs.map((e) => runsOf(e, 'Trending Trigger')[0]!.data!.main![0]![0]!.json.delivery_id as string).sort();
    }

    it('starts an execution for a signed event, with the verified payload', async () => {
      const res = await deliver(payload(424242), 'dlv_e2e_1');
      expect(res.status).toBe(200);
      expect(await deliveredIds(1)).toEqual(['dlv_e2e_1']);
      const [exec] = await ctx.n8n.executions(TRIGGER_WF, { includeData: true });
      const json = runsOf(exec!, 'Trending Trigger')[0]!.data!.main![0]![0]!.json;
      expect(json).toMatchObject({
        event: 'trending.story.v001.completed',
        video_id: 424242,
        template: 'story',
        status: 'completed',
        delivery_id: 'dlv_e2e_1',
        signature_scheme: 'v1',
        signed_with_previous_secret: false,
      });
      expect(JSON.stringify(json)).not.toContain(SIGNING_SECRET);
    });

    it('refuses tampered, wrongly signed, stale and unsigned deliveries with 401 and starts no execution', async () => {
      const body = payload(424243);
      const tampered = await deliver(body, 'dlv_e2e_tampered', { tamper: (b) => b.replace('424243', '424244') });
      expect(tampered.status).toBe(401);
      expect(await tampered.json()).toMatchObject({ error: 'signature_mismatch' });
      const wrongSecret = await deliver(body, 'dlv_e2e_wrong_secret', { secret: 'whsec_someone_else' });
      expect(wrongSecret.status).toBe(401);
      expect(await wrongSecret.json()).toMatchObject({ error: 'signature_mismatch' });
      const staleBody = payload(424243);
      const stale = await fetch(triggerUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-trending-delivery': 'dlv_e2e_stale',
          // correctly signed, ten minutes ago: outside the 300 s window
          ...signWebhookDelivery(SIGNING_SECRET, Date.now() - 600_000, staleBody),
        },
        body: staleBody,
      });
      expect(stale.status).toBe(401);
      expect(await stale.json()).toMatchObject({ error: 'timestamp_too_old' });
      const unsigned = await fetch(triggerUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-trending-delivery': 'dlv_e2e_unsigned' },
        body,
      });
      expect(unsigned.status).toBe(401);
      expect(await unsigned.json()).toMatchObject({ error: 'missing_signature' });

      // A valid delivery sent afterwards is the only new execution: the refused ones started nothing.
      expect((await deliver(payload(424245), 'dlv_e2e_2')).status).toBe(200);
      expect(await deliveredIds(2)).toEqual(['dlv_e2e_1', 'dlv_e2e_2']);
    });

    it('acknowledges a replayed delivery without starting a second execution', async () => {
      const replay = await deliver(payload(424242), 'dlv_e2e_1');
      expect(replay.status).toBe(200);
      expect(await replay.json()).toMatchObject({ duplicate: true });
      expect((await deliver(payload(424246), 'dlv_e2e_3')).status).toBe(200);
      expect(await deliveredIds(3)).toEqual(['dlv_e2e_1', 'dlv_e2e_2', 'dlv_e2e_3']);
    });

    it('copies of one delivery arriving at the same instant start one execution', async () => {
      const copies = await Promise.all(Array.from({ length: 5 }, () => deliver(payload(424247), 'dlv_e2e_burst')));
      expect(copies.map((res) => res.status)).toEqual([200, 200, 200, 200, 200]);
      const answers = await Promise.all(copies.map(async (res) => (await res.json()) as { duplicate?: boolean }));
      expect(answers.filter((a) => a.duplicate === true)).toHaveLength(4);
      // A later delivery makes the count settle: exactly one execution for the burst.
      expect((await deliver(payload(424248), 'dlv_e2e_4')).status).toBe(200);
      const ids = await deliveredIds(5);
      expect(ids.filter((id) => id === 'dlv_e2e_burst')).toHaveLength(1);
      expect(ids).toEqual(['dlv_e2e_1', 'dlv_e2e_2', 'dlv_e2e_3', 'dlv_e2e_4', 'dlv_e2e_burst']);
    });

    it("starts an execution from the simulator's own signed delivery", async () => {
      ctx.sim.configure({ speed: 100 });
      const res = await fetch(`${ctx.sim.url}/api/v1/rants/videos`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ctx.sim.keys.pro}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          prompt: 'A rant about people who reply-all.',
          preview_only: true,
          webhook: { url: triggerUrl, secret: SIGNING_SECRET },
        }),
      });
      expect(res.status).toBeLessThan(300);
      const { video_id: videoId } = (await res.json()) as { video_id: number };

      const exec = await waitFor(
        'the trigger execution for the simulated video',
        async () =>
          (await ctx.n8n.executions(TRIGGER_WF, { includeData: true })).find(
            (e) => runsOf(e, 'Trending Trigger')[0]?.data?.main?.[0]?.[0]?.json.video_id === videoId,
          ),
        { timeoutMs: 30_000, intervalMs: 500 },
      );
      expect(exec.status).toBe('success');
      const json = runsOf(exec, 'Trending Trigger')[0]!.data!.main![0]![0]!.json;
      expect(json).toMatchObject({ event: 'trending.rants.v001.completed', template: 'rants', signature_scheme: 'v1' });
      const delivery = ctx.state().deliveries.find((d) => d.video_id === videoId);
      expect(delivery).toMatchObject({ event: 'trending.rants.v001.completed', signed: true, status: 'delivered' });
      expect(json.delivery_id).toBe(delivery!.id);
    });
  });
});
