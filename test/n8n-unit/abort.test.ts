/**
 * A run aborted while Create waits for it ends the wait as a failure that says so. The reference documents only
 * failed as the end of an unsuccessful run and *.failed as its event: the simulator ends an aborted run `failed` with
 * pipeline_error.code `aborted` and delivers `*.failed` to the run's webhook, so Wait via webhook resumes on it too.
 */
import type { SimulatorHandle } from '@trending/simulator';
import type { INodeParameters } from 'n8n-workflow';

import { listen, newExecution, webhookContext, type WebhookRequestInput } from './context';
import { apiCredentials, node, run, runOk, startSim } from './harness';

vi.mock('n8n-workflow', async (importOriginal) => {
  const actual = await importOriginal<typeof import('n8n-workflow')>();
  return { ...actual, sleep: async (ms: number, signal?: AbortSignal) => await actual.sleep(Math.min(ms, 20), signal) };
});

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
afterEach(() => sim.reset());

/** The one video the simulator holds, once it exists. */
async function theVideo(): Promise<number> {
  return await vi.waitFor(
    () => {
      const videos = (sim.state() as { videos: Array<{ video_id: number }> }).videos;
      if (videos.length === 0) throw new Error('no video yet');
      return videos[0]!.video_id;
    },
    { timeout: 10_000, interval: 20 },
  );
}

const abort = (videoId: number) => runOk(sim, { resource: 'rants', operation: 'abort', videoId: String(videoId) });

it('Wait via polling: an abort ends the wait with an error that says the run was aborted', async () => {
  sim.configure({ speed: 1 });
  const { result } = run(sim, {
    resource: 'rants',
    operation: 'create',
    prompt: 'A rant about meetings that could have been emails.',
    waitMode: 'polling',
  });
  await abort(await theVideo());
  const error = await result.then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error!.message).toMatch(/aborted/i);
});

it('Wait via webhook: the aborted run delivers *.failed, which resumes the execution with an aborted error item', async () => {
  sim.configure({ speed: 1 });
  const execution = newExecution();
  const params: INodeParameters = {
    resource: 'rants',
    operation: 'create',
    prompt: 'A rant about meetings that could have been emails.',
    waitMode: 'webhook',
  };
  const resumed: unknown[][] = [];
  const receiver = await listen(async (request: WebhookRequestInput) => {
    if (!execution.waitTill) return { status: 409, body: {} };
    const ctx = webhookContext(
      { nodeType: node, parameters: params, credentials: apiCredentials(sim) },
      execution,
      request,
    );
    const out = await node.webhook!.call(ctx);
    if (out.workflowData) {
      execution.waitTill = undefined;
      resumed.push(out.workflowData[0]!);
    }
    return { status: ctx.response.status, body: ctx.response.body };
  });
  try {
    const { items } = await runOk(sim, params, {
      execution,
      resumeUrl: `${receiver.url}/webhook-waiting/${execution.executionId}`,
    });
    expect(execution.waitTill).toBeInstanceOf(Date);
    await abort(items[0]!.json.video_id as number);
    const [out] = await vi.waitFor(
      () => {
        if (resumed.length === 0) throw new Error('not resumed yet');
        return resumed[0]! as Array<{ json: { error?: { code?: string; message?: string } } }>;
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(out!.json.error).toMatchObject({ code: 'aborted', message: expect.stringMatching(/aborted/i) });
  } finally {
    await receiver.close();
  }
});
