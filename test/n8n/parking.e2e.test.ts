/**
 * Wait via webhook in a real n8n against an API whose create answers carry no `webhook` echo (the reference never
 * promises one): a loopback proxy between n8n and the simulator deletes it. The execution still parks, with no status
 * read of the video before Trending's delivery, and resumes on the signed delivery.
 */
import type { RequestLogEntry } from '@trending/simulator';

import { describeE2e, type E2eContext, e2eContext } from './context';
import { loadWorkflow, waitFor } from './harness';
import { createAnswerProxy, withoutWebhookEcho } from './proxy';

const WORKFLOW = 'e2eRantsWebhook1';

describeE2e('Wait via webhook without a webhook echo', () => {
  let ctx: E2eContext;

  beforeAll(async () => {
    ctx = await e2eContext('parking', { speed: 100 }, (sim) => createAnswerProxy(sim.url, withoutWebhookEcho));
    const wf = loadWorkflow('rants-webhook-wait');
    await ctx.n8n.importWorkflow(wf);
    await ctx.n8n.publishWorkflow(wf.id);
    await ctx.n8n.start();
    await ctx.n8n.loginOwner();
  });
  afterAll(async () => {
    await ctx?.dispose();
  });

  async function requestLog(): Promise<RequestLogEntry[]> {
    const answer = await fetch(`${ctx.sim.url}/_sim/requests`);
    return ((await answer.json()) as { requests: RequestLogEntry[] }).requests;
  }

  it('parks with 0 status reads before the delivery, and resumes on the signed delivery', async () => {
    // Real time while n8n parks, so the video is still running when the park is looked at.
    ctx.sim.configure({ speed: 1 });
    const start = await fetch(`${ctx.n8n.baseUrl}/webhook/e2e-rants-webhook-wait`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'A rant about printers that are always out of cyan.' }),
    });
    expect(start.status).toBe(200);
    const parked = await waitFor(
      'the Rants execution to park',
      async () => (await ctx.n8n.executions(WORKFLOW)).find((e) => e.status === 'waiting'),
      { timeoutMs: 60_000 },
    );
    const [video] = ctx.state().videos;
    expect(video).toBeDefined();
    expect(video!.status).not.toBe('completed');
    expect(video!.webhook!.url).toMatch(new RegExp(`^${ctx.n8n.baseUrl}/webhook-waiting/${parked.id}/trending`));
    const statusPath = `/api/v1/rants/videos/${video!.video_id}`;
    const reads = (log: RequestLogEntry[]) => log.filter((r) => r.method === 'GET' && r.path === statusPath);
    expect(reads(await requestLog())).toHaveLength(0);

    // The parked run's output is the create answer as n8n got it: the proxy took the echo away.
    const waiting = await ctx.n8n.execution(parked.id);
    const parkedItem = waiting.data?.resultData.runData['Create Rants']?.[0]?.data?.main?.[0]?.[0];
    expect(parkedItem?.json).toMatchObject({ video_id: video!.video_id });
    expect(parkedItem?.json).not.toHaveProperty('webhook');

    ctx.sim.configure({ speed: 100 });
    const done = await waitFor(
      'the Rants execution to resume and finish',
      async () => {
        const e = await ctx.n8n.execution(parked.id, { includeData: false });
        return e.status === 'waiting' || e.status === 'running' || e.status === 'new' ? undefined : e;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(done.status).toBe('success');
    const full = await ctx.n8n.execution(parked.id);
    const runs = full.data!.resultData.runData['Create Rants']!;
    const items = runs[runs.length - 1]!.data?.main?.[0] ?? [];
    expect(items.map((item) => item.json)).toEqual([
      expect.objectContaining({ template: 'rants', status: 'completed', video_id: video!.video_id }),
    ]);

    // The first delivery n8n accepted resumed it; nothing read the video's status before that.
    const delivery = ctx.state().deliveries.find((d) => d.video_id === video!.video_id && d.status === 'delivered');
    const accepted = (delivery!.attempts as Array<{ at: string; status_code: number | null }>).find(
      (a) => a.status_code !== null && a.status_code >= 200 && a.status_code < 300,
    );
    expect(accepted).toBeDefined();
    const before = reads(await requestLog()).filter((r) => Date.parse(r.at) < Date.parse(accepted!.at));
    expect(before).toHaveLength(0);
  });
});
