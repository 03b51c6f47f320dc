/**
 * Secrets never leave: not the API key, not the per-run webhook secret, through outputs, errors or Zapier's logs
 * (HTTP logs included, which carry request bodies and headers). Zapier's logger is switched to stdout and captured.
 */
import {
  API_KEY,
  AUTH,
  api,
  apiError,
  appTester,
  failure,
  perform,
  performResume,
  strictNock,
  videoStatus,
} from './support/harness';

describe('secrets in logs, outputs and errors', () => {
  strictNock();
  const printed: string[] = [];
  const saved = { log: process.env.LOG_TO_STDOUT, detailed: process.env.DETAILED_LOG_TO_STDOUT };
  beforeEach(() => {
    process.env.LOG_TO_STDOUT = '1';
    process.env.DETAILED_LOG_TO_STDOUT = '1';
    printed.length = 0;
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const [name, value] of [
      ['LOG_TO_STDOUT', saved.log],
      ['DETAILED_LOG_TO_STDOUT', saved.detailed],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('a waiting create, its resume and a failing call log the requests but never the key or the webhook secret', async () => {
    let webhookSecret = '';
    api()
      .post('/api/v1/story/videos')
      .reply(202, (_uri, body) => {
        const { webhook } = body as { webhook: { secret: string; url: string } };
        webhookSecret = webhook.secret;
        return { video_id: 12345, status: 'queued', webhook: { enabled: true, url: webhook.url } };
      });
    api()
      .get('/api/v1/story/videos/12345')
      .reply(200, videoStatus({ status: 'queued', render: null }));
    api().get('/api/v1/story/videos/12345').reply(200, videoStatus());
    api()
      .get('/api/v1/voice-actors')
      .reply(401, apiError('invalid_api_key', `Key ${API_KEY} was revoked`));

    const pending = (await appTester(perform('creates', 'create_story_video'), {
      authData: AUTH,
      inputData: { prompt: 'Log me please' },
    })) as Record<string, unknown>;
    const output = await appTester(performResume('create_story_video'), { authData: AUTH, outputData: pending });
    const error = await failure(appTester(perform('triggers', 'voice_actors'), { authData: AUTH }));

    const logs = printed.join('\n');
    // The logs really are captured: the HTTP request lines and the request body are there.
    expect(logs).toContain('POST https://api.trending.test/api/v1/story/videos');
    expect(logs).toContain('Log me please');
    // Zapier's scrubber recognises the body's `secret` key and censors its value.
    expect(logs).toContain('"secret":":censored:');
    expect(webhookSecret).toMatch(/^whsec_[0-9a-f]{64}$/);
    for (const secret of [API_KEY, webhookSecret]) {
      expect(logs).not.toContain(secret);
      expect(JSON.stringify(pending)).not.toContain(secret);
      expect(JSON.stringify(output)).not.toContain(secret);
      expect(error.message).not.toContain(secret);
    }
  });
});
