/** A key in Additional Body (JSON) that no template documents: sent, and pointed out with the nearest documented key. */
import type { SimulatorHandle } from '@trending/simulator';

import { apiRequests, runOk, startSim } from './harness';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

describe('Additional Body (JSON) with a typo', () => {
  it('creates the video and warns "did you mean" in the hint and request_warnings', async () => {
    const { ctx, items } = await runOk(sim, {
      resource: 'story',
      operation: 'create',
      prompt: 'A lighthouse keeper who talks to gulls.',
      previewOnly: true,
      options: { additionalBody: '{"promt": "A lighthouse keeper who sings"}' },
    });
    const sent = apiRequests(ctx.requests, '/api/v1/story/videos');
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0])).toContain('promt');
    const expected =
      '"promt" in Additional Body (JSON) is not a field any template documents (did you mean "prompt"?); it is sent as is and the API may ignore it';
    expect(items[0]!.json.request_warnings).toEqual([expected]);
    expect(ctx.hints.map((hint) => hint.message)).toEqual([expected]);
  });
});
