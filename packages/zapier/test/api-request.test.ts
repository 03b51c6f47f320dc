/**
 * The API Request action against the local simulator: a GET with a query, a POST with a JSON body, a create that gets
 * an Idempotency-Key, error answers rendered like every action's, and the paths it refuses without sending anything.
 */
import { API_PATH_WORDS, appTester, failure, perform } from './support/harness';
import { loopbackOnly, startTestSimulator, type SimContext } from './support/simulator';

let ctx: SimContext;
beforeAll(async () => {
  ctx = await startTestSimulator();
});
afterAll(async () => {
  await ctx?.sim.close();
});
loopbackOnly();

const apiRequest = perform('creates', 'api_request');
type Output = {
  status_code: number;
  body: Record<string, unknown>;
  request_id: string | null;
  idempotency_key: string;
};
const run = async (inputData: Record<string, unknown>, meta: Record<string, unknown> = { zap: { id: '77' } }) =>
  (await appTester(apiRequest, { authData: ctx.auth, inputData, meta })) as Output;
const refusal = (inputData: Record<string, unknown>) =>
  failure(appTester(apiRequest, { authData: ctx.auth, inputData }), API_PATH_WORDS);
const apiRequestsSeen = () => ctx.sim.requests().filter((r) => r.path.startsWith('/api/')).length;

describe('API Request against the simulator', () => {
  it('a GET with a query outputs the status code and the answer', async () => {
    const output = await run({ method: 'GET', path: '/api/v1/voice-actors', query: { page: '1' } });
    expect(output.status_code).toBe(200);
    expect(output.body.voice_actors).toEqual(expect.arrayContaining([expect.objectContaining({ id: 233 })]));
    expect(output.request_id).toMatch(/^req_/);
    expect(output.idempotency_key).toBeNull();
    expect(ctx.sim.requests().at(-1)).toMatchObject({ method: 'GET', path: '/api/v1/voice-actors?page=1' });
  });

  it('a POST sends its JSON body with the connection', async () => {
    const output = await run({
      method: 'post',
      path: '/api/v1/voice-actors/233/favorite',
      body: '{"favorite": true, "template": "story"}',
    });
    expect(output.status_code).toBe(200);
    expect(output.body.voice_actor).toMatchObject({ id: 233, favorite_templates: ['story'] });
    const { body } = await run({ method: 'GET', path: '/api/v1/voice-actors' });
    const ava = (body.voice_actors as { id: number; favorite_templates: string[] }[]).find((v) => v.id === 233);
    expect(ava?.favorite_templates).toEqual(['story']);
  });

  it('a create gets an Idempotency-Key derived from the Zap and the request: a replay starts nothing twice; a mapped key wins', async () => {
    const input = {
      method: 'POST',
      path: '/api/v1/story/videos',
      body: JSON.stringify({ prompt: 'A lighthouse keeper finds a message in a bottle', preview_only: true }),
    };
    const first = await run(input);
    const replay = await run(input);
    expect(first.status_code).toBe(202);
    expect(first.idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
    expect(replay.idempotency_key).toBe(first.idempotency_key);
    expect(replay.body.video_id).toBe(first.body.video_id);
    const sent = ctx.sim.requests().filter((r) => r.method === 'POST' && r.path === '/api/v1/story/videos');
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual([first.idempotency_key, first.idempotency_key]);

    const mapped = await run({ ...input, idempotency_key: 'trigger-row-42' });
    expect(mapped.idempotency_key).not.toBe(first.idempotency_key);
    expect(mapped.body.video_id).not.toBe(first.body.video_id);
    // In another Zap the same request is another video.
    const otherZap = await run(input, { zap: { id: '78' } });
    expect(otherZap.body.video_id).not.toBe(first.body.video_id);
  });

  it('an error answer fails the step like any action: the API message and its request ID, never the key', async () => {
    const error = await refusal({ method: 'GET', path: '/api/v1/story/videos/987654' });
    expect(error.name).toBe('AppError');
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/not found/i);
    expect(error.message).toMatch(/Trending request ID: req_/);
    expect(error.message).not.toContain(ctx.auth.api_key);
  });

  it("an API 422 names the API's field", async () => {
    const error = await refusal({
      method: 'POST',
      path: '/api/v1/voice-actors/233/favorite',
      body: '{"favorite": "yes"}',
    });
    expect(error.status).toBe(422);
    expect(error.message).toContain('favorite');
  });
});

describe('API Request refuses, sending nothing, what is not a Trending endpoint', () => {
  it.each([
    ['a full URL to another host', 'https://evil.example/api/v1/voice-actors', 'Path must start with /api/v1/'],
    ["a full URL even to Trending's", 'https://trending.com/api/v1/voice-actors', 'Path must start with /api/v1/'],
    ['a protocol-relative URL', '//evil.example/api/v1/voice-actors', 'Path must start with /api/v1/'],
    ['another API version', '/api/v2/voice-actors', 'Path must start with /api/v1/'],
    ['a dot-dot part', '/api/v1/../admin', 'Path must not have empty, . or .. parts'],
    ['a query string in the path', '/api/v1/voice-actors?page=2', 'Path must not carry a query string'],
    ['an undocumented endpoint', '/api/v1/admin/accounts', "Path names no endpoint of Trending's API"],
    ['a template that does not exist', '/api/v1/podcast/videos/1', "Path names no endpoint of Trending's API"],
  ])('%s', async (_what, path, says) => {
    const before = apiRequestsSeen();
    const error = await refusal({ method: 'GET', path });
    expect(error.message).toContain(says);
    expect(apiRequestsSeen()).toBe(before);
  });

  it('a method the path does not take, a body on a GET, a body that is not JSON', async () => {
    const before = apiRequestsSeen();
    expect((await refusal({ method: 'DELETE', path: '/api/v1/voice-actors' })).message).toContain(
      'Method must be GET for that path',
    );
    expect((await refusal({ method: 'GET', path: '/api/v1/voice-actors', body: '{"a": 1}' })).message).toContain(
      'Body is only sent with POST, PUT or PATCH',
    );
    expect((await refusal({ method: 'POST', path: '/api/v1/story/videos', body: '{prompt: 1' })).message).toContain(
      'Body must be JSON',
    );
    expect(apiRequestsSeen()).toBe(before);
  });
});
