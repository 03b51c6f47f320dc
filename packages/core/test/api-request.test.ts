import { ApiRequester, resolveApiRequest } from '../src/api-request';
import { ENDPOINTS } from '../src/endpoints';
import type { HttpResponse, Transport } from '../src/transport';
import { failure } from './support/failure';
import { recordingTransport } from './support/node-transport';

/** A path as a user would type it for an endpoint: every placeholder filled in. */
function concrete(path: string): string {
  return path.replace('{template}', 'story').replace(/\{\w+\}/g, '42');
}

describe('resolveApiRequest', () => {
  it('every endpoint of the catalogue is reachable by its method and path, but the signed trigger', () => {
    for (const endpoint of Object.values(ENDPOINTS)) {
      const { resolved, violations } = resolveApiRequest({ method: endpoint.method, path: concrete(endpoint.path) });
      if (endpoint.auth === 'signedTrigger') {
        expect(violations.map((v) => v.message)).toEqual([
          'path names the signed trigger, which takes a trigger signature instead of an API key',
        ]);
      } else {
        expect(resolved?.endpoint.id, endpoint.id).toBe(endpoint.id);
      }
    }
  });

  it('a literal part beats a placeholder, and a placeholder for the template takes template IDs only', () => {
    expect(resolveApiRequest({ method: 'POST', path: '/api/v1/library/videos' }).resolved?.endpoint.id).toBe(
      'library.videos.upload',
    );
    expect(resolveApiRequest({ method: 'POST', path: '/api/v1/list/videos' }).resolved).toMatchObject({
      endpoint: { id: 'video.create' },
      params: { template: 'list' },
    });
    expect(resolveApiRequest({ method: 'GET', path: '/api/v1/podcast/videos/1' }).violations[0]?.rule).toBe('endpoint');
  });

  it('placeholder values are decoded (the client encodes them once) and a trailing slash is ignored', () => {
    expect(resolveApiRequest({ method: 'GET', path: '/api/v1/library/uploads/a%20b/' }).resolved?.params).toEqual({
      asset_id: 'a b',
    });
  });

  it.each([
    ['https://evil.example/api/v1/voice-actors', 'format'],
    ['/api/v1/voice-actors/../../admin', 'format'],
    ['/api/v1//voice-actors', 'format'],
    ['/api/v1/voice-actors#x', 'format'],
    ['/api/v1/library/uploads/%E0%A4%A', 'format'],
    ['/api/v1/nothing-here', 'endpoint'],
  ])('refuses %s (%s)', (path, rule) => {
    const { resolved, violations } = resolveApiRequest({ method: 'GET', path });
    expect(resolved).toBeUndefined();
    expect(violations).toEqual([expect.objectContaining({ path: 'path', rule })]);
  });

  it('names the methods a path takes when another is asked for', () => {
    expect(resolveApiRequest({ method: 'POST', path: '/api/v1/list/videos/7/script' }).violations).toEqual([
      { path: 'method', rule: 'enum', message: 'method must be GET or PUT or PATCH for that path' },
    ]);
  });
});

describe('ApiRequester', () => {
  const answer = (res: Partial<HttpResponse>): Transport =>
    recordingTransport({
      request: async () => ({ status: 200, headers: {}, body: '', ...res }),
      sleep: async () => undefined,
      now: () => 0,
      random: () => 0.5,
    });

  it('sends to the configured origin with the key, the query and the JSON body, and parses the answer', async () => {
    const transport = answer({ status: 202, body: '{"request_id":"req_1","video_id":5}' });
    const requester = new ApiRequester({ baseUrl: 'https://api.test/', apiKey: 'sk_live_k', transport });
    const out = await requester.send(
      { method: 'post', path: '/api/v1/story/videos', query: { a: 'b c' }, body: { prompt: 'Hello there' } },
      { idempotencyKey: 'key-1' },
    );
    expect(out).toEqual({ status: 202, headers: {}, body: { request_id: 'req_1', video_id: 5 }, requestId: 'req_1' });
    const [sent] = (transport as ReturnType<typeof recordingTransport>).requests;
    expect(sent).toMatchObject({
      method: 'POST',
      url: 'https://api.test/api/v1/story/videos?a=b%20c',
      body: '{"prompt":"Hello there"}',
      headers: expect.objectContaining({ authorization: 'Bearer sk_live_k', 'idempotency-key': 'key-1' }),
    });
  });

  it('refuses, sending nothing, an endpoint that requires an Idempotency-Key without one', async () => {
    const transport = answer({});
    const requester = new ApiRequester({ apiKey: 'sk_live_k', transport });
    const error = await failure(requester.send({ method: 'POST', path: '/api/v1/story/videos/1/render' }));
    expect(error.code).toBe('validation_failed');
    expect((transport as ReturnType<typeof recordingTransport>).requests).toHaveLength(0);
  });

  it('keeps secrets the request carried out of the output should the API echo them', async () => {
    const transport = answer({ body: '{"echo":"whsec_abcdefgh12345678 sk_live_k"}' });
    const requester = new ApiRequester({ apiKey: 'sk_live_k', transport });
    const body = { video_type: 'story', webhook: { url: 'https://x.test', secret: 'whsec_abcdefgh12345678' } };
    const out = await requester.send(
      { method: 'POST', path: '/api/v1/triggers/videos', body },
      { idempotencyKey: 'k' },
    );
    expect(out.body).toEqual({ echo: '[REDACTED] [REDACTED]' });
  });
});
