import { ENDPOINTS, endpointPath, type EndpointId } from '../src/endpoints';
import { TrendingError } from '../src/errors';

describe('endpoint catalogue', () => {
  it('lists every endpoint of the reference once', () => {
    const routes = Object.values(ENDPOINTS).map((e) => `${e.method} ${e.path}`);
    expect(new Set(routes).size).toBe(routes.length);
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/v1/{template}/videos',
        'GET /api/v1/{template}/videos/{video_id}',
        'POST /api/v1/{template}/videos/{video_id}/render',
        'POST /api/v1/{template}/videos/{video_id}/abort',
        'POST /api/v1/triggers/videos',
        'POST /api/v1/triggers/webhook',
        'POST /api/v1/cost-estimate',
        'POST /api/v1/account/readiness',
        'GET /api/v1/voice-actors',
        'POST /api/v1/voice-actors/{voice_actor_id}/favorite',
        'GET /api/v1/library/folders',
        'POST /api/v1/library/folders/coverage',
        'POST /api/v1/library/videos',
        'POST /api/v1/library/video-urls',
        'GET /api/v1/library/uploads/{asset_id}',
        'GET /api/v1/story/character-sources',
        'GET /api/v1/story/reference-images',
        'POST /api/v1/story/reference-images',
        'GET /api/v1/story/outro-sources',
        'GET /api/v1/story/videos/{video_id}/outro',
        'PUT /api/v1/story/videos/{video_id}/outro',
        'POST /api/v1/story/videos/{video_id}/outro/image',
        'GET /api/v1/story/videos/{video_id}/slide-animations',
        'POST /api/v1/story/videos/{video_id}/slide-animations',
        'DELETE /api/v1/story/videos/{video_id}/slide-animations/{slide_index}',
        'GET /api/v1/list/videos/{video_id}/script',
        'PUT /api/v1/list/videos/{video_id}/script',
        'PATCH /api/v1/list/videos/{video_id}/script',
        'POST /api/v1/list/videos/{video_id}/script/ctas',
      ]),
    );
    expect(routes).toHaveLength(29);
    for (const [id, endpoint] of Object.entries(ENDPOINTS)) expect(endpoint.id).toBe(id);
  });

  it('requires an Idempotency-Key exactly for create, render and the triggers', () => {
    const required = Object.values(ENDPOINTS)
      .filter((e) => e.idempotency === 'required')
      .map((e) => e.id);
    expect(required.sort()).toEqual(['trigger.videos', 'trigger.webhook', 'video.create', 'video.render']);
  });

  it('marks the auth of the trigger endpoints', () => {
    expect(ENDPOINTS['trigger.webhook'].auth).toBe('signedTrigger');
    expect(ENDPOINTS['trigger.videos'].auth).toBe('apiKeyOrBody');
    const others = Object.values(ENDPOINTS).filter((e) => !e.id.startsWith('trigger.'));
    expect(new Set(others.map((e) => e.auth))).toEqual(new Set(['apiKey']));
  });

  it('repeats after a lost response only what is safe to repeat', () => {
    const notRepeatable = Object.values(ENDPOINTS)
      .filter((e) => !e.repeatable)
      .map((e) => e.id);
    expect(notRepeatable.sort()).toEqual([
      'library.videoUrls.import',
      'library.videos.upload',
      'list.script.ctas',
      'story.outro.image',
      'story.referenceImages.upload',
      'story.slideAnimations.create',
    ]);
  });
});

describe('endpointPath', () => {
  it('fills placeholders', () => {
    expect(endpointPath('video.render', { template: 'dmstory', video_id: 12345 })).toBe(
      '/api/v1/dmstory/videos/12345/render',
    );
    expect(endpointPath('story.slideAnimations.delete', { video_id: 9, slide_index: 0 })).toBe(
      '/api/v1/story/videos/9/slide-animations/0',
    );
    expect(endpointPath('voiceActors.list')).toBe('/api/v1/voice-actors');
  });

  it('URL-encodes values so an id cannot change the path', () => {
    expect(endpointPath('video.get', { template: 'story', video_id: '../x?y=1#z' })).toBe(
      '/api/v1/story/videos/..%2Fx%3Fy%3D1%23z',
    );
  });

  it.each([{}, { video_id: 1 }, { template: 'story', video_id: '' }, { template: 'story', video_id: null }])(
    'throws validation_failed for a missing placeholder (%j)',
    (params) => {
      let error: unknown;
      try {
        endpointPath('video.get', params);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TrendingError);
      expect((error as TrendingError).code).toBe('validation_failed');
      expect((error as TrendingError).message).toMatch(/(template|video_id) is required/);
    },
  );

  it('rejects an unknown endpoint id', () => {
    expect(() => endpointPath('video.delete' as EndpointId)).toThrow(/Unknown endpoint/);
  });
});
