/**
 * Wait via webhook in a real n8n when a run's videos end together: their deliveries arrive at the same moment (and
 * each once more, as an at-least-once sender may), yet the execution resumes once, each video's status is read at most
 * twice, each MP4 is downloaded once, and every first delivery is answered 2xx at once.
 */
import type { RequestLogEntry } from '@trending/simulator';

import { describeE2e, type E2eContext, e2eContext } from './context';
import { loadWorkflow, waitFor } from './harness';

const WORKFLOW = 'e2eRantsBatchWh1';
const ROWS = 6;

describeE2e('Wait via webhook: videos that end together', () => {
  let ctx: E2eContext;

  beforeAll(async () => {
    ctx = await e2eContext('simultaneous', { speed: 100, duplicateDeliveries: true });
    const wf = loadWorkflow('rants-webhook-batch');
    await ctx.n8n.importWorkflow(wf);
    await ctx.n8n.publishWorkflow(wf.id);
    await ctx.n8n.start();
    await ctx.n8n.loginOwner();
  });
  afterAll(async () => {
    await ctx?.dispose();
  });

  it('resumes once, reads each status at most twice, downloads each MP4 once, answers every first delivery 2xx', async () => {
    // The videos are held until n8n has parked, then released together.
    ctx.sim.configure({ speed: 0.001 });
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      prompt: `A rant about meeting number ${i + 1} of the day.`,
    }));
    const start = await fetch(`${ctx.n8n.baseUrl}/webhook/e2e-rants-webhook-batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });
    expect(start.status).toBe(200);
    const parked = await waitFor(
      'the batch execution to park',
      async () => (await ctx.n8n.executions(WORKFLOW)).find((e) => e.status === 'waiting'),
      { timeoutMs: 60_000 },
    );
    expect(ctx.state().videos).toHaveLength(ROWS);
    ctx.sim.configure({ speed: 100 });

    const done = await waitFor(
      'the batch execution to resume and finish',
      async () => {
        const e = await ctx.n8n.execution(parked.id, { includeData: false });
        return e.status === 'waiting' || e.status === 'running' || e.status === 'new' ? undefined : e;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    expect(done.status).toBe('success');
    const full = await ctx.n8n.execution(parked.id);
    const runs = full.data!.resultData.runData['Create Rants']!;
    const items = runs[runs.length - 1]!.data?.main?.[0] ?? [];
    const videos = ctx.state().videos;
    // Created a few at a time, so video IDs need not follow item order; each item is paired with its own row.
    expect(items.map((item) => item.pairedItem)).toEqual(rows.map((_, i) => ({ item: i })));
    expect(items.map((item) => item.json.video_id).sort()).toEqual(videos.map((v) => v.video_id).sort());
    expect(items.every((item) => item.json.status === 'completed' && item.binary?.data)).toBe(true);

    const log = ((await (await fetch(`${ctx.sim.url}/_sim/requests`)).json()) as { requests: RequestLogEntry[] })
      .requests;
    for (const video of videos) {
      const reads = log.filter((r) => r.method === 'GET' && r.path === `/api/v1/rants/videos/${video.video_id}`);
      expect(reads.length, `status reads of video ${video.video_id}`).toBeLessThanOrEqual(2);
    }
    // The final work (status reads and downloads) happened once: one download per video.
    const downloads = log.filter((r) => r.method === 'GET' && /\/renders?\//.test(r.path));
    expect(downloads).toHaveLength(ROWS);

    // Each video's delivery was answered 2xx at its first attempt, well inside Trending's 10 s window.
    const deliveries = ctx.state().deliveries.filter((d) => d.event.endsWith('.completed'));
    expect(deliveries).toHaveLength(ROWS);
    for (const delivery of deliveries) {
      const [first] = delivery.attempts as Array<{ status_code: number | null; duration_ms: number }>;
      expect(first!.status_code, `delivery ${delivery.id}`).toBeGreaterThanOrEqual(200);
      expect(first!.status_code).toBeLessThan(300);
      expect(first!.duration_ms).toBeLessThan(1_000);
    }
  });
});
