import type { PlainInputField } from 'zapier-platform-core';
import { AUTH, App, api, apiError, appTester, failure, perform, strictNock, videoStatus } from './support/harness';

describe('Find Video', () => {
  strictNock();
  const find = perform('searches', 'find_video');

  it('returns the video in the same shape as the creates', async () => {
    api()
      .get('/api/v1/list/videos/8')
      .reply(200, videoStatus({ video_id: 8, template: 'list' }));
    const results = (await appTester(find, {
      authData: AUTH,
      inputData: { template: 'list', video_id: '8' },
    })) as Record<string, unknown>[];
    expect(results).toHaveLength(1);
    const sample = (App.creates as Record<string, { operation: { sample: Record<string, unknown> } }>)
      .create_list_video!.operation.sample;
    // Every key of a Create step's video, less the warnings about the create request it sent.
    const videoKeys = Object.keys(sample).filter((key) => key !== 'request_warnings');
    expect(Object.keys(results[0]!).sort()).toEqual(videoKeys.sort());
    expect(results[0]).toMatchObject({ id: 8, template: 'list', status: 'completed', idempotency_key: null });
    expect(String(results[0]!.video_file)).toContain('hydrators.renderFile');
  });

  it('a failed video is found (not thrown), with its error code and message', async () => {
    api()
      .get('/api/v1/list/videos/8')
      .reply(
        200,
        videoStatus({
          video_id: 8,
          status: 'failed',
          render: null,
          pipeline_error: { code: 'render_failed', message: 'Render failed.' },
        }),
      );
    const [found] = (await appTester(find, { authData: AUTH, inputData: { template: 'list', video_id: 8 } })) as Record<
      string,
      unknown
    >[];
    expect(found).toMatchObject({
      status: 'failed',
      error_code: 'render_failed',
      error_message: 'Render failed.',
      video_file: null,
    });
  });

  it('not found is an empty result, not an error', async () => {
    api().get('/api/v1/list/videos/9').reply(404, apiError('video_not_found', 'The video was not found.'));
    await expect(appTester(find, { authData: AUTH, inputData: { template: 'list', video_id: 9 } })).resolves.toEqual(
      [],
    );
  });
});

describe('Estimate Cost and Check Readiness', () => {
  strictNock();
  const estimate = perform('searches', 'estimate_cost');
  const readiness = perform('searches', 'check_readiness');
  const fieldsFn = (App.searches as Record<string, { operation: { inputFields: unknown[] } }>).estimate_cost!.operation
    .inputFields[1] as Parameters<typeof appTester>[0];

  it("the chosen template's generated fields appear once a template is picked", async () => {
    const fields = (await appTester(fieldsFn, {
      authData: AUTH,
      inputData: { template: 'story' },
    })) as PlainInputField[];
    expect(fields.map((f) => f.key)).toContain('script.images_requested');
    expect(await appTester(fieldsFn, { authData: AUTH, inputData: {} })).toEqual([]);
  });

  it('quotes the typed request (no webhook, no name) and flattens the estimate', async () => {
    api()
      .post('/api/v1/cost-estimate', {
        template: 'story',
        request: { preview_only: false, script: { images_requested: 12 } },
      })
      .reply(200, {
        request_id: 'req_e',
        template: 'story',
        estimate: {
          preview_only: false,
          slides: 12,
          script_credits: 3,
          image_credits: 120,
          narration_credits: 27,
          render_credits: 30,
          total_credits: 183,
        },
      });
    const [quote] = (await appTester(estimate, {
      authData: AUTH,
      inputData: { template: 'story', preview_only: 'false', 'script.images_requested': '12', name: 'Not priced' },
    })) as Record<string, unknown>[];
    expect(quote).toMatchObject({
      id: 'story',
      template: 'story',
      total_credits: 183,
      slides: 12,
      render_credits: 30,
      request_id: 'req_e',
    });
  });

  it('an invalid request is refused before the quote', async () => {
    const error = await failure(
      appTester(estimate, { authData: AUTH, inputData: { template: 'story', 'script.images_requested': 99 } }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('Slides must be between 10 and 30');
    expect(error.message).not.toContain('script.images_requested');
  });

  it('readiness names the blocker and the shortfall', async () => {
    api()
      .post('/api/v1/account/readiness', {
        template: 'rants',
        request: { preview_only: true, prompt: 'A rant about fake friends.' },
      })
      .reply(200, {
        account: {
          plan_code: 'starter',
          plan_label: 'Starter',
          api_access: true,
          available_credits: 50,
          allowed_templates: ['rants'],
        },
        template_readiness: {
          template: 'rants',
          template_access: true,
          required_credits: 54,
          available_credits: 50,
          credits_needed: 4,
          ready_to_create: false,
        },
      });
    const [answer] = (await appTester(readiness, {
      authData: AUTH,
      inputData: { template: 'rants', preview_only: true, prompt: 'A rant about fake friends.' },
    })) as Record<string, unknown>[];
    expect(answer).toMatchObject({
      ready_to_create: false,
      blocker: 'insufficient_credits',
      message: 'needs 54 credits, 50 available: 4 short',
      credits_needed: 4,
      plan_label: 'Starter',
      allowed_templates: ['rants'],
    });
  });

  it('a missing template is an input error', async () => {
    expect((await failure(appTester(readiness, { authData: AUTH, inputData: {} }))).message).toContain(
      'Template must be one of',
    );
  });
});

describe('dynamic dropdowns (hidden triggers)', () => {
  strictNock();
  const trigger = (key: string) => perform('triggers', key);

  it('voice actors: id and a descriptive name', async () => {
    api()
      .get('/api/v1/voice-actors')
      .reply(200, {
        voice_actors: [
          { id: 233, name: 'Ava', gender: 'female', age: 'young adult', accent: 'American' },
          { id: 7, name: 'Bo' },
        ],
      });
    await expect(appTester(trigger('voice_actors'), { authData: AUTH })).resolves.toEqual([
      { id: '233', name: 'Ava (female, young adult, American)' },
      { id: '7', name: 'Bo' },
    ]);
  });

  it('library folders', async () => {
    api()
      .get('/api/v1/library/folders')
      .reply(200, { folders: [{ id: 42, name: 'Parkour' }, { id: 43 }] });
    await expect(appTester(trigger('library_folders'), { authData: AUTH })).resolves.toEqual([
      { id: '42', name: 'Parkour' },
      { id: '43', name: 'Folder 43' },
    ]);
  });

  it('Story character sources, by video', async () => {
    api()
      .get('/api/v1/story/character-sources')
      .reply(200, { character_sources: [{ video_id: 12345, name: 'The keycard' }, { name: 'no id' }] });
    await expect(appTester(trigger('character_sources'), { authData: AUTH })).resolves.toEqual([
      { id: '12345', name: 'The keycard (video 12345)' },
    ]);
  });

  it('Story reference images, with the alias to use', async () => {
    api()
      .get('/api/v1/story/reference-images')
      .reply(200, { reference_images: [{ asset_id: 501, name: 'Team logo', alias_suggestion: 'team_logo' }] });
    await expect(appTester(trigger('reference_images'), { authData: AUTH })).resolves.toEqual([
      { id: '501', name: 'Team logo (@team_logo)' },
    ]);
  });

  it('Story outro sources, by key, with the line shortened', async () => {
    const text = 'This story was brought to you by SkyLaunch, the rocket company for everyone who ever looked up.';
    api()
      .get('/api/v1/story/outro-sources')
      .reply(200, { outro_sources: [{ key: 'outro_1', text }, { key: 'outro_2' }] });
    const choices = (await appTester(trigger('outro_sources'), { authData: AUTH })) as { id: string; name: string }[];
    expect(choices[0]).toEqual({ id: 'outro_1', name: `${text.slice(0, 57)}... (outro_1)` });
    expect(choices[1]).toEqual({ id: 'outro_2', name: 'outro_2' });
  });

  it('a dropdown error reads like any other (expired key)', async () => {
    api().get('/api/v1/voice-actors').reply(401, apiError('invalid_api_key', 'The API key is wrong or revoked.'));
    expect((await failure(appTester(trigger('voice_actors'), { authData: AUTH }))).name).toBe('ExpiredAuthError');
  });
});
