/** What a Create step checks before it sends: Max Credits, core's request warnings, the webhook URL rule. */
import { AUTH, App, api, appTester, failure, perform, performResume, strictNock } from './support/harness';
import { runWithCallback } from './support/simulator';

const createStory = perform('creates', 'create_story_video');
const createRants = perform('creates', 'create_rants_video');
const CREATED = { request_id: 'req_create_1', video_id: 12345, pipeline_run_id: 'run-1', status: 'queued' };
const QUOTE = { template: 'story', template_version: 'v001', estimate: { slides: 12, total_credits: 183 } };

function expectQuote(sent: unknown[] = []): unknown[] {
  api()
    .post('/api/v1/cost-estimate')
    .reply((_uri, body) => {
      sent.push(body);
      return [200, QUOTE];
    });
  return sent;
}

function expectCreate(template = 'story', answer: Record<string, unknown> = CREATED): Record<string, unknown>[] {
  const sent: Record<string, unknown>[] = [];
  api()
    .post(`/api/v1/${template}/videos`)
    .reply((_uri, body) => {
      sent.push(body as Record<string, unknown>);
      return [202, answer];
    });
  return sent;
}

const storyInput = { prompt: 'A short scary story about a hotel keycard.', 'script.images_requested': 12 };

describe('Max Credits', () => {
  strictNock();

  it('is an optional input of every Create step', () => {
    const creates = Object.values(App.creates ?? {}).filter((c) => c.key.startsWith('create_'));
    expect(creates).toHaveLength(7);
    for (const create of creates) {
      expect(create.operation.inputFields).toContainEqual(
        expect.objectContaining({ key: 'max_credits', label: 'Max Credits', type: 'integer', required: false }),
      );
    }
  });

  it('above the estimate: refused with the estimate in the message, and no create request is made', async () => {
    const quoted = expectQuote();
    const error = await failure(
      appTester(createStory, {
        authData: AUTH,
        inputData: { ...storyInput, max_credits: '100', wait_for_video: false },
      }),
    );
    expect(error.code).toBe('spend_limit_exceeded');
    expect(error.message).toContain('Trending estimates this Story video at 183 credits, above Max Credits (100)');
    expect(error.message).toContain('it was not created');
    expect(quoted).toEqual([
      { template: 'story', request: { prompt: storyInput.prompt, script: { images_requested: 12 } } },
    ]);
    // strictNock: the create was never mocked, so a create request would have failed differently.
  });

  it('refused before Zapier parks the step, when waiting too', async () => {
    expectQuote();
    const error = await failure(
      appTester(createStory, { authData: AUTH, inputData: { ...storyInput, max_credits: 0 } }),
    );
    expect(error.code).toBe('spend_limit_exceeded');
  });

  it('at or below the estimate: quoted, then created', async () => {
    for (const max of [183, '500']) {
      const quoted = expectQuote();
      const sent = expectCreate();
      const output = await appTester(createStory, {
        authData: AUTH,
        inputData: { ...storyInput, max_credits: max, wait_for_video: false },
      });
      expect(quoted).toHaveLength(1);
      expect(sent).toHaveLength(1);
      expect(sent[0]).not.toHaveProperty('max_credits');
      expect(output).toMatchObject({ video_id: 12345 });
    }
  });

  it('left empty: no quote, just the create', async () => {
    const sent = expectCreate();
    await appTester(createStory, {
      authData: AUTH,
      inputData: { ...storyInput, max_credits: '', wait_for_video: false },
    });
    expect(sent).toHaveLength(1);
  });

  it('a value that is not 0 or more is named, and nothing is sent', async () => {
    for (const max of ['-1', 'lots']) {
      const error = await failure(
        appTester(createStory, {
          authData: AUTH,
          inputData: { ...storyInput, max_credits: max, wait_for_video: false },
        }),
      );
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain('Max Credits (max_credits)');
    }
  });
});

describe('request warnings', () => {
  strictNock();

  it('core warnings reach the output in field labels, not JSON paths', async () => {
    const sent = expectCreate();
    const output = (await appTester(createStory, {
      authData: AUTH,
      inputData: {
        ...storyInput,
        'script.visual_style_custom': 'pastel ink',
        'music.volume_percent': 150,
        wait_for_video: false,
      },
    })) as { request_warnings: string[] };
    // Accepted by the API, so it is sent as it is.
    expect(sent[0]).toMatchObject({ script: { visual_style_custom: 'pastel ink' }, music: { volume_percent: 150 } });
    expect(output.request_warnings).toEqual([
      'Custom Visual Style is ignored: it is only used when Visual Style is custom',
      'Music Volume Percent is 150, outside the usual 0 to 100; check it is the value you meant',
    ]);
    for (const warning of output.request_warnings) expect(warning).not.toMatch(/script\.|music\./);
  });

  it('a long prompt on a template without a maximum is a warning, named by its label', async () => {
    expectCreate('rants');
    const output = (await appTester(createRants, {
      authData: AUTH,
      inputData: { prompt: 'x'.repeat(1200), wait_for_video: false },
    })) as { request_warnings: string[] };
    expect(output.request_warnings).toEqual([
      "Prompt is over 1000 characters; Rants states no maximum, but Story's is 1000, so check it is the text you meant",
    ]);
  });

  it('are carried through the wait into the final output', async () => {
    api().get('/api/v1/story/videos/12345').reply(200, { video_id: 12345, status: 'completed' });
    const output = (await appTester(performResume('create_story_video'), {
      authData: AUTH,
      outputData: { video_id: 12345, idempotency_key: 'k', request_warnings: ['Music Volume Percent is 150'] },
    })) as { request_warnings: string[] };
    expect(output.request_warnings).toEqual(['Music Volume Percent is 150']);
  });

  it('are listed in the output fields and the sample of every Create step', () => {
    for (const create of Object.values(App.creates ?? {}).filter((c) => c.key.startsWith('create_'))) {
      expect(create.operation.outputFields).toContainEqual(
        expect.objectContaining({ key: 'request_warnings', label: 'Request Warnings', list: true }),
      );
      expect(create.operation.sample).toHaveProperty('request_warnings');
    }
  });
});

describe('the webhook URL rule', () => {
  strictNock();

  it('a callback URL Trending would refuse (loopback, production API) is refused before sending, naming Wait for the Video', async () => {
    const error = await failure(
      runWithCallback(
        'creates.create_story_video.operation.perform',
        { authData: AUTH, inputData: storyInput, meta: {} },
        'http://127.0.0.1:8123/callback/1',
      ),
    );
    expect(error.message).toContain(
      'Wait for the Video (the callback URL Zapier gave this step) must be a public host: Trending rejects loopback addresses',
    );
    expect(error.message).not.toContain('webhook.url');
  });

  it("Zapier's public https callback URL passes", async () => {
    const url = 'https://auth-json-server.zapier-staging.com/echo'; // createAppTester's callback URL
    const sent = expectCreate('story', { ...CREATED, webhook: { enabled: true, url } });
    api().get('/api/v1/story/videos/12345').reply(200, { video_id: 12345, status: 'queued' });
    const output = await appTester(createStory, { authData: AUTH, inputData: storyInput });
    expect(sent[0]!.webhook).toMatchObject({ url });
    expect(output).toHaveProperty('callback_nonce');
  });
});
