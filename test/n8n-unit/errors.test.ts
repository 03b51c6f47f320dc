/**
 * Core's classification of an error in n8n's words: an API 422 names every refused field by its parameter's display
 * name (never a JSON path or an endpoint), a wait that ran out says to run the Get operation, a hint that names an
 * endpoint names the node's operation.
 */
import type { INode } from 'n8n-workflow';
import type { SimulatorHandle } from '@trending/simulator';

import { errorJson, toNodeError } from '../../nodes/Trending/helpers/errors';
import { TrendingError, errorFromResponse, pipelineError } from '../../packages/core/src';
import { apiCredentials, apiRequests, run, runError, startSim } from './harness';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
afterEach(() => sim.reset());

const NODE: INode = {
  id: 'n1',
  name: 'Trending',
  type: 'n8n-nodes-trending.trending',
  typeVersion: 1,
  position: [0, 0],
  parameters: {},
};

/** A 422 exactly as the reference shapes an error answer. */
function refusal(details: unknown): TrendingError {
  const body = { request_id: 'req_422', error: { code: 'validation_failed', message: 'Invalid fields.', details } };
  return errorFromResponse({ status: 422, headers: {}, body: JSON.stringify(body) });
}

describe('An API 422 in n8n', () => {
  it("names the fields the simulator refused by the parameters' display names", async () => {
    const { ctx, result } = run(sim, {
      resource: 'story',
      operation: 'create',
      prompt: 'A detective cat follows a trail of sardines.',
      previewOnly: true,
      script: { referenceImages: { values: [{ assetId: 999_999 }] } },
    });
    const error = await result.then(
      () => undefined,
      (e: Error & { description?: string; httpCode?: string }) => e,
    );
    expect(apiRequests(ctx.requests, '/api/v1/story/videos')).toHaveLength(1);
    expect(error!.httpCode).toBe('422');
    expect(error!.message).toMatch(/\[validation_failed\]/);
    expect(error!.description).toContain(
      'Reference Images > Reference Image (item 1) is not one of your saved reference images.',
    );
    // Neither the JSON path nor the endpoint the simulator's message points at.
    expect(error!.description).not.toMatch(/script\.|reference_images|\/api\//);
  });

  it('continueOnFail items carry the same field lines, and the details as the API sent them', () => {
    const json = errorJson(refusal({ 'script.images_requested': ['script.images_requested must be 10 to 30'] }));
    expect(json).toMatchObject({
      code: 'validation_failed',
      status: 422,
      field_errors: ['Slides must be 10 to 30'],
      details: { 'script.images_requested': ['script.images_requested must be 10 to 30'] },
    });
  });

  it('a field the catalogue does not know keeps its path; a 422 without field messages has no field lines', () => {
    const unknown = toNodeError(NODE, refusal({ mystery: ['is wrong'] }), 0);
    expect(unknown.description).toContain('mystery: is wrong.');
    const bare = toNodeError(NODE, refusal(undefined), 0);
    expect(bare.description).toBe(
      `${refusal(undefined).hint} Request ID: req_422 (look it up at /dashboard/developer/api-logs).`,
    );
  });

  it("core's own refusal keeps its labelled message and adds no field lines", async () => {
    const error = await runError(sim, { resource: 'story', operation: 'create', prompt: 'Hi', previewOnly: true });
    expect(error.message).toMatch(/Prompt must be at least 6 characters/);
    expect(error.description).not.toMatch(/Prompt must/);
  });
});

describe('A wait that ran out, in n8n', () => {
  it('says how far the video got and to run the Get operation, with no endpoint', () => {
    const error = new TrendingError({
      code: 'wait_timeout',
      // Core's message: the facts only (see core wait.ts).
      message: 'Video 77 is still running (Slides, 40%) after 20 s.',
      details: { video_id: 77, template: 'story', waited_seconds: 20 },
    });
    error.lastStatus = { video_id: 77, status: 'running', step_label: 'Slides', progress_percent: 40 };
    const nodeError = toNodeError(NODE, error, 0);
    expect(nodeError.message).toBe('Video 77 is still running (Slides, 40%) after 20 s. [wait_timeout]');
    expect(nodeError.description).toContain('run the Get operation with Video ID 77 later');
    expect(`${nodeError.message} ${nodeError.description}`).not.toMatch(/\/api\/|webhook\.url/);
  });
});

describe("Core's hints in n8n's words", () => {
  it('a hint that names an endpoint names the operation instead', async () => {
    const error = await runError(
      sim,
      { resource: 'story', operation: 'create', prompt: 'A long saga of a lighthouse keeper.' },
      { credentials: apiCredentials(sim, 'sk_test_poor') },
    );
    expect(error.description).toContain("the Account resource's Estimate Cost operation quotes a video");
    expect(error.description).not.toMatch(/\/api\//);
  });

  it("a hint the API gave with a failed run is the API's word, kept", () => {
    const status = {
      video_id: 5,
      status: 'failed',
      pipeline_error: { code: 'render_failed', message: 'x', hint: 'Try a shorter outro.' },
    };
    expect(toNodeError(NODE, pipelineError(status), 0).description).toBe('Try a shorter outro.');
    const bare = { ...status, pipeline_error: { code: 'render_failed', message: 'x' } };
    expect(toNodeError(NODE, pipelineError(bare), 0).description).toMatch(/^Run the Render operation again/);
  });
});
