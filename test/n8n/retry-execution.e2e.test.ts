/**
 * n8n's Retry of a failed execution runs under a new execution ID. A create whose answers were all lost (the video was
 * made, the node failed) followed by Retry through n8n's REST API must get that same video back, not a second one:
 * the node's automatic key follows the first execution of the retry chain.
 */
import { describeE2e, type E2eContext, e2eContext } from './context';
import { loadWorkflow, waitFor } from './harness';

const WORKFLOW = 'e2eRantsCreate01';

describeE2e("Retry of a failed execution (n8n's Retry button)", () => {
  let ctx: E2eContext;

  beforeAll(async () => {
    ctx = await e2eContext('retry-execution', { speed: 100 });
    const wf = loadWorkflow('rants-create');
    await ctx.n8n.importWorkflow(wf);
    await ctx.n8n.publishWorkflow(wf.id);
    await ctx.n8n.start();
    await ctx.n8n.loginOwner();
  });
  afterAll(async () => {
    await ctx?.dispose();
  });

  it('a create whose answers were lost, retried from the executions list, makes one video', async () => {
    // Every answer to the create is lost: core's own attempts (same key) are used up and the execution fails, though
    // the simulator made the video at the first attempt.
    ctx.sim.configure({ chaos: { dropRate: 1 } });
    const start = await fetch(`${ctx.n8n.baseUrl}/webhook/e2e-rants-create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'A rant about chargers that only work at one angle.' }),
    });
    expect(start.status).toBe(200);
    const failed = await waitFor(
      'the execution to fail',
      async () => (await ctx.n8n.executions(WORKFLOW)).find((e) => e.status === 'error'),
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    ctx.sim.configure({ chaos: null });
    expect(ctx.state().videos).toHaveLength(1);
    const [made] = ctx.state().videos;

    await ctx.n8n.rest('POST', `/executions/${failed.id}/retry`, { loadWorkflow: false });
    const retried = await waitFor(
      'the retry to succeed',
      async () => (await ctx.n8n.executions(WORKFLOW)).find((e) => e.id !== failed.id && e.status === 'success'),
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const full = await ctx.n8n.execution(retried.id);
    const runs = full.data!.resultData.runData['Create Rants']!;
    const item = runs[runs.length - 1]!.data?.main?.[0]?.[0];
    expect(item?.json).toMatchObject({ video_id: made!.video_id });
    expect(ctx.state().videos).toHaveLength(1);
  });
});
