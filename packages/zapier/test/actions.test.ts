/** The video helper actions: Render Video Later, Abort Video, Upload Story Reference Image, Update List Script, Favorite Voice Actor. */
import { deriveIdempotencyKey } from '@trending/core';
import nock from 'nock';
import { API_KEY, AUTH, api, apiError, appTester, failure, perform, strictNock } from './support/harness';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
const FILES = 'https://zapier-files.test';

describe('Render Video Later', () => {
  strictNock();
  const render = perform('creates', 'render_video');

  /** Answers `times` renders of story video 12345 and records each Idempotency-Key sent. */
  function expectRenders(times: number): string[] {
    const keys: string[] = [];
    api()
      .post('/api/v1/story/videos/12345/render')
      .times(times)
      .reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return [202, { request_id: 'req_r', video_id: 12345, pipeline_run_id: 'run-2', status: 'queued' }];
      });
    return keys;
  }

  const renderBundle = (input: Record<string, unknown>) => ({
    authData: AUTH,
    inputData: { template: 'story', video_id: '12345', ...input },
    meta: { zap: { id: '9', user: { timezone: 'UTC' } } },
  });

  it('starts the render with an Idempotency-Key stable for this Zap and video', async () => {
    const keys = expectRenders(2);
    const bundle = renderBundle({});
    const output = await appTester(render, bundle);
    await appTester(render, bundle);
    expect(output).toEqual({
      id: 12345,
      video_id: 12345,
      template: 'story',
      status: 'queued',
      pipeline_run_id: 'run-2',
      request_id: 'req_r',
      idempotency_key: keys[0],
    });
    expect(keys[1]).toBe(keys[0]);
  });

  it('a mapped Idempotency Key is derived for the render: the value a Create used gives another key', async () => {
    const keys = expectRenders(2);
    const bundle = renderBundle({ idempotency_key: 'trigger-1001' });
    await appTester(render, bundle);
    await appTester(render, bundle);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).toBe(deriveIdempotencyKey('zapier-custom', '9', 'render', 'story', 12345, 'trigger-1001'));
    expect(keys[0]).not.toBe(deriveIdempotencyKey('zapier-custom', '9', 'create', 'story', 'trigger-1001'));
    expect(keys[0]).not.toBe('trigger-1001');
  });

  it('a run still going is a clear 409', async () => {
    api()
      .post('/api/v1/story/videos/12345/render')
      .reply(
        409,
        apiError('pipeline_run_active', 'A run is still queued or running; wait for it to finish before rendering.'),
      );
    const error = await failure(
      appTester(render, { authData: AUTH, inputData: { template: 'story', video_id: 12345 } }),
    );
    expect(error.status).toBe(409);
    expect(error.message).toContain('wait for it to finish');
  });

  it('an unknown template or a non-numeric ID is refused before any request', async () => {
    const error = await failure(
      appTester(render, { authData: AUTH, inputData: { template: 'movie', video_id: 'abc' } }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('Template must be one of the video types, got "movie"');
    expect(error.message).toContain('Video ID (video_id) must be a whole number, got "abc"');
  });
});

describe('Abort Video', () => {
  strictNock();
  const abort = perform('creates', 'abort_video');

  it('aborts and reports the released credits', async () => {
    api().post('/api/v1/rants/videos/7/abort').reply(200, {
      request_id: 'req_a',
      video_id: 7,
      pipeline_run_id: 'run-1',
      status: 'aborted',
      released_credits: 40,
    });
    await expect(appTester(abort, { authData: AUTH, inputData: { template: 'rants', video_id: 7 } })).resolves.toEqual({
      id: 7,
      video_id: 7,
      template: 'rants',
      status: 'aborted',
      pipeline_run_id: 'run-1',
      released_credits: 40,
      request_id: 'req_a',
    });
  });

  it('a video that does not exist is a 404 with the hint to check template and ID', async () => {
    api().post('/api/v1/rants/videos/7/abort').reply(404, apiError('video_not_found', 'The video was not found.'));
    const error = await failure(appTester(abort, { authData: AUTH, inputData: { template: 'rants', video_id: 7 } }));
    expect(error.message).toContain('The video was not found.');
    expect(error.message).toContain('a video belongs to the template it was created with');
  });
});

describe('Upload Story Reference Image', () => {
  strictNock();
  const upload = perform('creates', 'upload_story_reference_image');
  const SAVED = {
    reference_image: { asset_id: 501, name: 'Team logo', image_url: `${FILES}/501.png`, alias_suggestion: 'team_logo' },
  };

  it('a mapped file is downloaded (without the API key) and sent as multipart bytes', async () => {
    nock(FILES, { badheaders: ['authorization'] })
      .get('/hydrate/abc')
      .reply(200, PNG, { 'content-type': 'image/png', 'content-length': String(PNG.length) });
    let sent = '';
    api()
      .post('/api/v1/story/reference-images')
      .matchHeader('content-type', /^multipart\/form-data; boundary=/)
      .reply(201, (_uri, body) => {
        // nock hands a binary body over as hex.
        sent = Buffer.from(String(body), 'hex').toString('latin1');
        return SAVED;
      });
    const output = await appTester(upload, {
      authData: AUTH,
      inputData: { file: `${FILES}/hydrate/abc`, name: 'Team logo' },
    });
    // Zapier file URLs carry no extension: the content type names the format.
    expect(sent).toContain('filename="abc.png"');
    expect(sent).toContain('Content-Type: image/png');
    expect(sent).toContain('name="name"');
    expect(sent).toContain(PNG.toString('latin1'));
    expect(output).toEqual({
      id: 501,
      asset_id: 501,
      name: 'Team logo',
      image_url: `${FILES}/501.png`,
      alias_suggestion: 'team_logo',
      request_id: null,
    });
  });

  it('an image URL is handed to Trending as source_url', async () => {
    api()
      .post('/api/v1/story/reference-images', { source_url: 'https://cdn.example.com/logo.png', name: 'Logo' })
      .reply(201, { request_id: 'req_u', asset_id: 502, name: 'Logo' });
    await expect(
      appTester(upload, {
        authData: AUTH,
        inputData: { source_url: 'https://cdn.example.com/logo.png', name: 'Logo' },
      }),
    ).resolves.toMatchObject({ id: 502, asset_id: 502, name: 'Logo', request_id: 'req_u' });
  });

  it('exactly one source: neither or both is an input error', async () => {
    expect((await failure(appTester(upload, { authData: AUTH, inputData: {} }))).message).toContain(
      'exactly one of Image File and Source URL',
    );
    const both = { file: `${FILES}/x`, source_url: 'https://cdn.example.com/a.png' };
    expect((await failure(appTester(upload, { authData: AUTH, inputData: both }))).code).toBe('invalid_input');
  });

  it('a file over 3 MB is refused from its Content-Length, before it is read or sent', async () => {
    nock(FILES)
      .get('/big')
      .reply(200, 'x', { 'content-type': 'image/png', 'content-length': String(4 * 1024 * 1024) });
    const error = await failure(appTester(upload, { authData: AUTH, inputData: { file: `${FILES}/big` } }));
    expect(error.code).toBe('file_too_large');
  });

  it('a file that is not an image is refused by core validation, before upload', async () => {
    nock(FILES).get('/doc.pdf').reply(200, '%PDF', { 'content-type': 'application/pdf' });
    const error = await failure(appTester(upload, { authData: AUTH, inputData: { file: `${FILES}/doc.pdf` } }));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('fileName must end in .jpg, .jpeg, .png, .webp');
  });

  it('a plain http URL is refused by core validation', async () => {
    const error = await failure(
      appTester(upload, { authData: AUTH, inputData: { source_url: 'http://cdn.example.com/a.png' } }),
    );
    expect(error.code).toBe('validation_failed');
  });
});

describe('Update List Script', () => {
  strictNock();
  const update = perform('creates', 'update_list_script');
  const SAVED = {
    video_id: 55,
    script: {
      intro: 'New intro',
      lines: [
        { id: 1, type: 'item', text: 'One', position: 1 },
        { id: 9, type: 'cta', text: 'Follow!', position: 2 },
      ],
      updated_at: '2026-01-27T03:12:46.000Z',
    },
  };

  /** The script as GET .../script returns it: three lines, emoji suggestions, and read-only extras. */
  const CURRENT = {
    video_id: 55,
    script: {
      intro: 'Old intro',
      lines: [
        { id: 1, type: 'item', text: 'One', position: 1, audio_url: 'https://cdn.example/1.mp3' },
        { id: 2, type: 'item', text: 'Two', position: 2 },
        { id: 9, type: 'cta', text: 'Follow!', position: 3 },
      ],
      emoji_suggestions: ['🐙'],
      ctas: [{ id: 'c1' }],
      updated_at: '2026-01-27T03:12:40.000Z',
    },
  };

  /** Answers the read, then records the write (whichever verb) and answers it with SAVED. */
  function expectReadModifyWrite(): { method: string; body: Record<string, unknown> }[] {
    const writes: { method: string; body: Record<string, unknown> }[] = [];
    api().get('/api/v1/list/videos/55/script').reply(200, CURRENT, { etag: '"v1"' });
    // The reference gives PUT and PATCH the same meaning, so either verb may carry the write (exactly one does).
    for (const method of ['PUT', 'PATCH']) {
      api()
        .intercept('/api/v1/list/videos/55/script', method)
        .optionally()
        .reply(function (_uri, body) {
          writes.push({ method, body: body as Record<string, unknown> });
          return [200, SAVED, { etag: '"abc"' }];
        });
    }
    return writes;
  }

  it('an intro-only edit writes the whole script back: every line kept, with the version it read', async () => {
    const writes = expectReadModifyWrite();
    await appTester(update, { authData: AUTH, inputData: { video_id: 55, intro: 'New intro' } });
    expect(writes).toHaveLength(1);
    expect(writes[0]!.body).toEqual({
      script: {
        intro: 'New intro',
        lines: [
          { id: 1, type: 'item', text: 'One' },
          { id: 2, type: 'item', text: 'Two' },
          { id: 9, type: 'cta', text: 'Follow!' },
        ],
        emoji_suggestions: ['🐙'],
      },
      expected_updated_at: '2026-01-27T03:12:40.000Z',
    });
  });

  it('new lines replace the lines, the intro is kept; Script Updated At and Reset Audio are sent; the saved script is output', async () => {
    const writes = expectReadModifyWrite();
    const output = await appTester(update, {
      authData: AUTH,
      inputData: {
        video_id: 55,
        lines: [{ text: 'One' }, { text: 'Follow!', type: 'CTA' }, { text: '' }],
        expected_updated_at: '2026-01-27T03:12:45.000Z',
        reset_audio: 'yes',
      },
    });
    expect(writes[0]!.body).toEqual({
      script: {
        intro: 'Old intro',
        lines: [
          { text: 'One', type: 'item' },
          { text: 'Follow!', type: 'cta' },
        ],
        emoji_suggestions: ['🐙'],
      },
      expected_updated_at: '2026-01-27T03:12:45.000Z',
      reset_audio: true,
    });
    expect(output).toEqual({
      id: 55,
      video_id: 55,
      intro: 'New intro',
      lines: [
        { text: 'One', type: 'item' },
        { text: 'Follow!', type: 'cta' },
      ],
      line_count: 2,
      script_updated_at: '2026-01-27T03:12:46.000Z',
      etag: '"abc"',
      request_id: null,
    });
  });

  it('a stale version says someone else changed the script', async () => {
    api().get('/api/v1/list/videos/55/script').reply(200, CURRENT);
    for (const method of ['PUT', 'PATCH']) {
      api()
        .intercept('/api/v1/list/videos/55/script', method)
        .optionally()
        .reply(
          409,
          apiError(
            'script_version_conflict',
            'The script changed since you read it; fetch it again and re-apply your edits.',
          ),
        );
    }
    const error = await failure(
      appTester(update, {
        authData: AUTH,
        inputData: { video_id: 55, intro: 'x', expected_updated_at: '2026-01-01T00:00:00Z' },
      }),
    );
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/^Someone else changed the script since it was read\./);
  });

  it('nothing to save, a bad line type or a non-date version are input errors', async () => {
    const error = await failure(
      appTester(update, {
        authData: AUTH,
        inputData: { video_id: 55, lines: [{ text: 'x', type: 'title' }], expected_updated_at: 'yesterday' },
      }),
    );
    expect(error.message).toContain('Lines > Type (line 1) must be item or cta');
    expect(error.message).toContain('Script Updated At must be a date and time');
    expect((await failure(appTester(update, { authData: AUTH, inputData: { video_id: 55 } }))).message).toContain(
      'nothing to save',
    );
  });
});

describe('Favorite Voice Actor', () => {
  strictNock();
  const favorite = perform('creates', 'favorite_voice_actor');

  it('favorites for one template (the dropdown value arrives as text)', async () => {
    api()
      .post('/api/v1/voice-actors/233/favorite', { favorite: true, template: 'list' })
      .matchHeader('authorization', `Bearer ${API_KEY}`)
      .reply(200, { request_id: 'req_f', voice_actor_id: 233, is_favorite: true });
    await expect(
      appTester(favorite, { authData: AUTH, inputData: { voice_actor_id: '233', favorite: 'true', template: 'list' } }),
    ).resolves.toEqual({ id: 233, voice_actor_id: 233, favorite: true, template: 'list', request_id: 'req_f' });
  });

  it('unfavorites globally', async () => {
    api().post('/api/v1/voice-actors/233/favorite', { favorite: false }).reply(200, {});
    await expect(
      appTester(favorite, { authData: AUTH, inputData: { voice_actor_id: 233, favorite: false } }),
    ).resolves.toMatchObject({
      favorite: false,
      template: null,
    });
  });

  it('a template without narration is refused by core validation', async () => {
    const error = await failure(
      appTester(favorite, { authData: AUTH, inputData: { voice_actor_id: 233, template: 'ranking' } }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('template');
  });
});
