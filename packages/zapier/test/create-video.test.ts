import { deriveIdempotencyKey, deriveWebhookSecret, runEndEvents } from '@trending/core';
import { API_KEY, AUTH, api, apiError, appTester, failure, perform, strictNock } from './support/harness';

const createStory = perform('creates', 'create_story_video');
const createList = perform('creates', 'create_list_video');
const CALLBACK_URL = 'https://auth-json-server.zapier-staging.com/echo'; // what createAppTester's callback URL is
const CREATED = {
  request_id: 'req_create_1',
  video_id: 12345,
  pipeline_run_id: '6fba1c20-6d1c-4bb2-9a91-2c9f7fcb2d7c',
  status: 'queued',
  poll_url: '/api/v1/story/videos/12345',
};

const EARLIER = 'https://hooks.zapier.com/hooks/callback/1/earlier-step/';
/** A replayed create: the earlier run's answer, whose webhook echo is the earlier execution's callback URL. */
const FROM_EARLIER = [202, { ...CREATED, webhook: { enabled: true, url: EARLIER, events: [] } }] as [number, unknown];
/** A new run's answer: it echoes the webhook this step sent, its callback URL. */
const HERE = [202, { ...CREATED, webhook: { enabled: true, url: CALLBACK_URL, events: [] } }] as [number, unknown];

interface Sent {
  body: Record<string, unknown>;
  key: string;
}

/** Answers one create and records what was sent. */
function expectCreate(
  template = 'story',
  sent: Sent[] = [],
  reply: [number, unknown] | [number, unknown, Record<string, string>] = [202, CREATED],
): Sent[] {
  api()
    .post(`/api/v1/${template}/videos`)
    .reply(function (_uri, body) {
      sent.push({ body: body as Record<string, unknown>, key: String(this.req.headers['idempotency-key']) });
      return reply;
    });
  return sent;
}

/** The status read a waiting create makes right after starting the video. */
function expectStatus(status = 'queued', over: Record<string, unknown> = {}): void {
  api()
    .get('/api/v1/story/videos/12345')
    .reply(200, { video_id: 12345, status, ...over });
}

describe('Create <Template> Video: starting the video', () => {
  strictNock();

  it('without waiting: sends the typed body once and outputs the video at once, in the shared shape', async () => {
    const sent = expectCreate();
    const output = await appTester(createStory, {
      authData: AUTH,
      inputData: {
        prompt: 'A short scary story about a hotel keycard.',
        'script.images_requested': 12,
        wait_for_video: false,
      },
    });
    expect(sent[0]!.body).toEqual({
      prompt: 'A short scary story about a hotel keycard.',
      script: { images_requested: 12 },
    });
    expect(output).toEqual({
      id: 12345,
      video_id: 12345,
      template: 'story',
      status: 'queued',
      preview_only: null,
      pipeline_run_id: CREATED.pipeline_run_id,
      step_label: null,
      progress_percent: null,
      dashboard_url: null,
      preview_url: null,
      video_file: null,
      render_expires_at: null,
      error_code: null,
      error_message: null,
      request_id: 'req_create_1',
      idempotency_key: sent[0]!.key,
      request_warnings: [],
    });
  });

  it('turns Zapier text into typed values with core coercion (numbers, yes/no, enum case, line items)', async () => {
    const sent = expectCreate();
    await appTester(createStory, {
      authData: AUTH,
      inputData: {
        'script.images_requested': ' 14 ',
        preview_only: 'yes',
        'script.visual_style_preset': 'Anime',
        'script.reference_images': [{ asset_id: '501', alias: 'logo_ref' }, { story_id: '456', run_id: '9912' }, {}],
        'music.enabled': 'false',
        wait_for_video: 'no',
      },
    });
    expect(sent[0]!.body).toEqual({
      preview_only: true,
      script: {
        images_requested: 14,
        visual_style_preset: 'anime',
        reference_images: [
          { asset_id: 501, alias: 'logo_ref' },
          { story_id: 456, run_id: 9912 },
        ],
      },
      music: { enabled: false },
    });
  });

  it('a replayed step sends the same Idempotency-Key; different inputs, or a mapped key, change it', async () => {
    const sent = expectCreate('story', expectCreate('story', expectCreate('story', expectCreate())));
    const bundle = {
      authData: AUTH,
      inputData: { prompt: 'Same idea every time', wait_for_video: false },
      meta: { zap: { id: '77', user: { timezone: 'UTC' } } },
    };
    await appTester(createStory, bundle);
    await appTester(createStory, bundle);
    await appTester(createStory, { ...bundle, inputData: { ...bundle.inputData, prompt: 'Another idea entirely' } });
    await appTester(createStory, { ...bundle, inputData: { ...bundle.inputData, idempotency_key: 'row-42' } });
    const [first, replay, other, mapped] = sent.map((s) => s.key);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(replay).toBe(first);
    expect(other).not.toBe(first);
    expect(mapped).not.toBe(first);
    // A mapped value is never sent verbatim: it is derived with the Zap and the step's scope.
    expect(mapped).toBe(deriveIdempotencyKey('zapier-custom', '77', 'create', 'story', 'row-42'));
  });

  it('a mapped Idempotency Key: stable in one Zap and action, different across Zaps, actions and templates', async () => {
    const sent: Sent[] = [];
    for (let i = 0; i < 5; i++) expectCreate('story', sent);
    expectCreate('list', sent);
    const bundle = (zap: string, prompt = 'Same idea every time') => ({
      authData: AUTH,
      inputData: { prompt, wait_for_video: false, idempotency_key: ' trigger-1001 ' },
      meta: { zap: { id: zap, user: { timezone: 'UTC' } } },
    });
    await appTester(createStory, bundle('77'));
    await appTester(createStory, bundle('77')); // a replay of the same step
    await appTester(createStory, bundle('88')); // another Zap mapping the same trigger ID
    await appTester(createStory, { ...bundle('77'), meta: {} }); // Zapier said no Zap
    await appTester(createStory, { ...bundle('77'), inputData: { ...bundle('77').inputData, idempotency_key: 1001 } });
    await appTester(createList, {
      ...bundle('77'),
      inputData: { idempotency_key: 'trigger-1001', wait_for_video: false },
    });
    const [first, replay, otherZap, noZap, numeric, list] = sent.map((s) => s.key);
    expect(replay).toBe(first);
    expect(first).toBe(deriveIdempotencyKey('zapier-custom', '77', 'create', 'story', 'trigger-1001'));
    expect(otherZap).toBe(deriveIdempotencyKey('zapier-custom', '88', 'create', 'story', 'trigger-1001'));
    expect(noZap).toBe(deriveIdempotencyKey('zapier-custom', '-', 'create', 'story', 'trigger-1001'));
    expect(numeric).toBe(deriveIdempotencyKey('zapier-custom', '77', 'create', 'story', '1001'));
    expect(list).toBe(deriveIdempotencyKey('zapier-custom', '77', 'create', 'list', 'trigger-1001'));
    expect(new Set([first, otherZap, noZap, numeric, list]).size).toBe(5);
    for (const key of sent.map((s) => s.key)) expect(key).not.toContain('trigger-1001');
  });

  it('retries a 503 with the same Idempotency-Key (core retry), then succeeds', async () => {
    const keys: string[] = [];
    api()
      .post('/api/v1/story/videos')
      .reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return [503, apiError('service_unavailable', 'Maintenance')];
      });
    const sent = expectCreate();
    await appTester(createStory, { authData: AUTH, inputData: { wait_for_video: false } });
    expect(keys[0]).toBe(sent[0]!.key);
  });

  it('waiting (the default): registers the callback URL with a secret derived from the key and a nonce, terminal events only', async () => {
    const sent = expectCreate('story', [], HERE);
    expectStatus('queued');
    const output = (await appTester(createStory, {
      authData: AUTH,
      inputData: { prompt: 'Wait for me please' },
    })) as Record<string, unknown>;
    const webhook = sent[0]!.body.webhook as { url: string; secret: string; events: string[] };
    expect(webhook.url).toBe(CALLBACK_URL);
    expect(webhook.events).toEqual(runEndEvents('story'));
    expect(webhook.events).toEqual(['trending.story.v001.completed', 'trending.story.v001.failed']);
    expect(output.callback_nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(webhook.secret).toBe(deriveWebhookSecret(API_KEY, 'zapier-callback', output.callback_nonce as string));
    // The secret itself is nowhere in the step's output (Zapier may show it in the Zap history).
    expect(JSON.stringify(output)).not.toContain(webhook.secret);
    expect(JSON.stringify(output)).not.toContain(API_KEY);
  });

  it('the per-run webhook never changes the Idempotency-Key', async () => {
    const sent = expectCreate('story', expectCreate('story', [], HERE));
    expectStatus('running');
    await appTester(createStory, { authData: AUTH, inputData: { prompt: 'Same idea every time' } });
    await appTester(createStory, {
      authData: AUTH,
      inputData: { prompt: 'Same idea every time', wait_for_video: false },
    });
    expect(sent[0]!.body.webhook).toBeDefined();
    expect(sent[1]!.key).toBe(sent[0]!.key);
  });

  it('a replayed waiting step whose video already finished ends at once instead of waiting 30 days', async () => {
    expectCreate('story', [], FROM_EARLIER);
    expectStatus('completed');
    const error = await failure(appTester(createStory, { authData: AUTH, inputData: { prompt: 'Finished long ago' } }));
    expect(error.code).toBe('already_finished');
    expect(error.message).toContain('video 12345 is completed, so there is nothing to wait for. Use Find Video');
    expect(error.message).toContain('map a new value into Idempotency Key');
  });

  it('...and one whose earlier run failed reports that failure', async () => {
    expectCreate('story', [], FROM_EARLIER);
    expectStatus('failed', { pipeline_error: { code: 'render_failed', message: 'Render failed.', step: 'render' } });
    const error = await failure(appTester(createStory, { authData: AUTH, inputData: { prompt: 'Failed long ago' } }));
    expect(error.code).toBe('render_failed');
    expect(error.message).toContain('Video 12345 failed at step render: Render failed. (an earlier run of this step');
  });

  it("a new video that already completed at the first status read is this step's, not a replay: it waits for its end event", async () => {
    // A quick preview can be over before perform reads it. Any return after generateCallbackUrl() parks the step
    // (zapier-platform-core's callback-status-catcher), so the pending output is returned and the `.completed`
    // delivery to this step's URL runs performResume, which outputs the video with its MP4.
    expectCreate('story', [], HERE);
    expectStatus('completed', { render: { render_url: 'https://cdn.example/12345.mp4' } });
    const output = (await appTester(createStory, {
      authData: AUTH,
      inputData: { prompt: 'A quick preview', preview_only: true },
    })) as Record<string, unknown>;
    expect(output).toMatchObject({ video_id: 12345, status: 'queued' });
    expect(output.callback_nonce).toMatch(/^[0-9a-f]{32}$/);
  });

  it("the echo is compared as a URL: another spelling of this step's callback URL is still this step", async () => {
    const respelled = 'HTTPS://Auth-JSON-Server.Zapier-Staging.com:443/%65cho/';
    expectCreate('story', [], [202, { ...CREATED, webhook: { enabled: true, url: respelled, events: [] } }]);
    expectStatus('running');
    const output = (await appTester(createStory, {
      authData: AUTH,
      inputData: { prompt: 'Echoed in capitals' },
    })) as Record<string, unknown>;
    expect(output.callback_nonce).toMatch(/^[0-9a-f]{32}$/);
  });

  it('the Idempotent-Replayed header decides nothing: an answer whose echo is this step runs to its callback', async () => {
    // Core's own retry of a lost create answer gets this execution's run back, with this execution's callback URL.
    expectCreate('story', [], [...HERE, { 'idempotent-replayed': 'true' }] as [
      number,
      unknown,
      Record<string, string>,
    ]);
    expectStatus('queued');
    const output = (await appTester(createStory, {
      authData: AUTH,
      inputData: { prompt: 'Retried inside one step' },
    })) as Record<string, unknown>;
    expect(output.callback_nonce).toMatch(/^[0-9a-f]{32}$/);
  });

  it('an answer without a webhook echo (and no header) cannot confirm a callback: a running video is not waited for', async () => {
    expectCreate();
    expectStatus('running', { step_label: 'Slides', progress_percent: 40 });
    const error = await failure(appTester(createStory, { authData: AUTH, inputData: { prompt: 'Echo missing' } }));
    // Halted, not parked: if this is an earlier run returned again, no webhook would ever reach this step.
    expect(error.name).toBe('HaltedError');
    expect(error.message).toContain('does not say where the video reports its end (it carries no webhook)');
    expect(error.message).toContain('video 12345 is running (Slides, 40%) and keeps running');
    expect(error.message).toContain('Use Find Video (Template Story, Video ID 12345)');
    expect(error.message).not.toContain('already ran');
  });

  it('...and a completed one ends at once instead of waiting 30 days for a callback nobody promised', async () => {
    expectCreate();
    expectStatus('completed');
    const error = await failure(
      appTester(createStory, { authData: AUTH, inputData: { prompt: 'A quick preview', preview_only: true } }),
    );
    expect(error.code).toBe('already_finished');
    expect(error.message).toContain('Video 12345 is already completed, so there is nothing to wait for');
  });

  it('...and a failed one fails with its pipeline error, without calling it an earlier run', async () => {
    expectCreate();
    expectStatus('failed', { pipeline_error: { code: 'script_failed', message: 'Script failed.', step: 'script' } });
    const error = await failure(appTester(createStory, { authData: AUTH, inputData: { prompt: 'Doomed either way' } }));
    expect(error.code).toBe('script_failed');
    expect(error.message).toContain('Video 12345 failed at step script: Script failed.');
    expect(error.message).not.toContain('earlier run');
  });

  it('a new video that already failed at the first status read fails the step with its pipeline error, not as a replay', async () => {
    expectCreate('story', [], HERE);
    expectStatus('failed', { pipeline_error: { code: 'script_failed', message: 'Script failed.', step: 'script' } });
    const error = await failure(appTester(createStory, { authData: AUTH, inputData: { prompt: 'Doomed at once' } }));
    expect(error.code).toBe('script_failed');
    expect(error.message).toContain('Video 12345 failed at step script: Script failed.');
    expect(error.message).not.toContain('earlier run');
    expect(error.message).not.toContain('already ran');
  });

  it.each([
    ['failed with the error code aborted', 'failed', { pipeline_error: { code: 'aborted', message: 'Stopped.' } }],
    ['status aborted', 'aborted', {}],
  ])('an aborted run (%s) fails the step saying it was aborted, whichever run it is', async (_, status, over) => {
    for (const answer of [HERE, FROM_EARLIER, [202, CREATED] as [number, unknown]]) {
      expectCreate('story', [], answer);
      expectStatus(status, over);
      const error = await failure(appTester(createStory, { authData: AUTH, inputData: { prompt: 'Stopped at once' } }));
      expect(error.code).toBe('aborted');
      expect(error.message).toContain('Video 12345 was aborted before it completed');
      expect(error.message).not.toContain('already ran');
    }
  });

  it('a replayed waiting step whose earlier run is still going (its webhook points elsewhere) ends at once', async () => {
    expectCreate(
      'story',
      [],
      [202, { ...CREATED, webhook: { enabled: true, url: EARLIER, events: runEndEvents('story') } }],
    );
    expectStatus('running', { step_label: 'Slides', progress_percent: 40 });
    const error = await failure(
      appTester(createStory, { authData: AUTH, inputData: { prompt: 'Still rendering from before' } }),
    );
    // Halted, not waiting: the earlier run calls the earlier step back, so this one would wait 30 days for nothing.
    expect(error.name).toBe('HaltedError');
    expect(error.message).toContain("video 12345 is that earlier run's video, still running (Slides, 40%)");
    expect(error.message).toContain('this step does not wait for it');
    expect(error.message).toContain('Use Find Video (Template Story, Video ID 12345)');
    expect(error.message).toContain('map a new value into Idempotency Key');
  });

  it('...and one whose earlier run was started without waiting (no webhook) too', async () => {
    expectCreate('story', [], [202, { ...CREATED, webhook: { enabled: false, url: null, events: [] } }]);
    expectStatus('queued');
    const error = await failure(appTester(createStory, { authData: AUTH, inputData: { prompt: 'Started earlier' } }));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toContain("video 12345 is that earlier run's video, still queued");
  });

  it("a new run whose echoed webhook is this step's callback URL is waited for", async () => {
    expectCreate('story', [], HERE);
    expectStatus('queued');
    const output = (await appTester(createStory, {
      authData: AUTH,
      inputData: { prompt: 'A brand new idea' },
    })) as Record<string, unknown>;
    expect(output).toMatchObject({ video_id: 12345, status: 'queued', request_warnings: [] });
    expect(output.callback_nonce).toMatch(/^[0-9a-f]{32}$/);
  });

  it('loading a sample in the editor never waits: same shape, no webhook', async () => {
    const sent = expectCreate();
    const output = await appTester(createStory, {
      authData: AUTH,
      inputData: { prompt: 'Test from the editor' },
      meta: { isLoadingSample: true },
    });
    expect(sent[0]!.body.webhook).toBeUndefined();
    expect(output).toMatchObject({ video_id: 12345, status: 'queued', video_file: null });
    expect(output).not.toHaveProperty('callback_nonce');
  });
});

describe('Create <Template> Video: bad input and API errors', () => {
  strictNock();

  it('text that is not a number is reported with its label, and nothing is sent', async () => {
    const error = await failure(
      appTester(createStory, {
        authData: AUTH,
        inputData: { 'script.images_requested': 'twelve', wait_for_video: 'maybe' },
      }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('Slides (script.images_requested) must be a whole number, got "twelve"');
    expect(error.message).toContain('Wait for the Video (wait_for_video) must be true/false');
  });

  it('core validation runs before any request: ranges, enums and conditions, each named by its label', async () => {
    const error = await failure(
      appTester(createStory, {
        authData: AUTH,
        inputData: {
          prompt: 'hey',
          'script.images_requested': 3,
          'script.visual_style_preset': 'cubism',
          'script.reference_images': [{ alias: 'no_image' }],
          wait_for_video: false,
        },
      }),
    );
    expect(error.code).toBe('validation_failed');
    // Field labels in place of JSON paths, and an item's position counted from 1.
    expect(error.message).toContain('Prompt must be at least 6 characters');
    expect(error.message).toContain('Slides must be between 10 and 30');
    expect(error.message).toContain('Visual Style must be one of');
    expect(error.message).toContain('Reference Images (item 1) must have exactly one of');
    expect(error.message).not.toMatch(/script\.|prompt must/);
  });

  it('a field of another template is impossible: List has no Story fields, and unknown keys are ignored', async () => {
    const sent = expectCreate('list');
    await appTester(createList, {
      authData: AUTH,
      inputData: { 'script.item_count': '5', 'script.images_requested': 12, wait_for_video: false },
    });
    expect(sent[0]!.body).toEqual({ script: { item_count: 5 } });
  });

  it("the API's 422 field messages reach the user with the field labels", async () => {
    expectCreate(
      'story',
      [],
      [
        422,
        apiError('validation_failed', 'The request has invalid fields; see error.details.', {
          'script.reference_images.0.asset_id': ['asset 999 is not one of your reference images'],
        }),
      ],
    );
    const error = await failure(
      appTester(createStory, {
        authData: AUTH,
        inputData: { 'script.reference_images': [{ asset_id: 999 }], wait_for_video: false },
      }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(422);
    expect(error.message).toContain(
      'Reference Images > Reference Image: asset 999 is not one of your reference images',
    );
  });

  it('402 insufficient credits halts the Zap with core hint', async () => {
    expectCreate('story', [], [402, apiError('insufficient_credits', 'Not enough credits: 183 needed, 50 available.')]);
    const error = await failure(appTester(createStory, { authData: AUTH, inputData: { wait_for_video: false } }));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toContain('183 needed');
    expect(error.message).toContain('Add credits at https://trending.com/dashboard/billing');
  });

  it('403 template not in plan halts with the allowed templates', async () => {
    expectCreate(
      'story',
      [],
      [
        403,
        apiError('membership_template_required', 'Your plan does not include story.', {
          allowed_templates: ['rants'],
          upgrade_url: 'https://trending.com/pricing',
        }),
      ],
    );
    const error = await failure(appTester(createStory, { authData: AUTH, inputData: { wait_for_video: false } }));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toContain('it includes: rants');
    expect(error.message).toContain('https://trending.com/pricing');
  });

  it("429 stays Zapier's throttling: core retries briefly, then ThrottledError carries Retry-After", async () => {
    api()
      .post('/api/v1/story/videos')
      .twice()
      .reply(429, apiError('rate_limited', 'Slow down.'), { 'Retry-After': '1' });
    api().post('/api/v1/story/videos').reply(429, apiError('rate_limited', 'Slow down.'), { 'Retry-After': '60' });
    const error = await failure(appTester(createStory, { authData: AUTH, inputData: { wait_for_video: false } }));
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBe(60);
    expect(error.message).toContain('Slow down.');
  });

  it('an error body that echoes the API key or the webhook secret is scrubbed', async () => {
    const sent: Sent[] = [];
    api()
      .post('/api/v1/story/videos')
      .reply(function (_uri, body) {
        sent.push({ body: body as Record<string, unknown>, key: '' });
        const secret = (body as { webhook: { secret: string } }).webhook.secret;
        return [400, apiError('bad_request', `Bad header Bearer ${API_KEY} and secret ${secret}`)];
      });
    const error = await failure(appTester(createStory, { authData: AUTH, inputData: {} }));
    const secret = (sent[0]!.body.webhook as { secret: string }).secret;
    expect(error.message).toContain('[REDACTED]');
    expect(error.message).not.toContain(API_KEY);
    expect(error.message).not.toContain(secret);
  });
});
