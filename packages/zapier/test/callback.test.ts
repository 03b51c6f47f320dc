/**
 * Waiting by callback: performResume verifies Trending's signed delivery when Zapier passes the raw request, and in
 * every case takes the video's status from a fresh GET (the source of truth).
 */
import nock from 'nock';
import { deriveWebhookSecret, signWebhookDelivery } from '@trending/core';
import { callbackSecret, normaliseHeaders, verifyCallback } from '../src/callback';
import { API_KEY, AUTH, App, api, appTester, failure, performResume, strictNock, videoStatus } from './support/harness';

const resumeStory = performResume('create_story_video');
const NONCE = '0123456789abcdef0123456789abcdef';
const SECRET = callbackSecret(API_KEY, NONCE);
const PENDING = {
  video_id: 12345,
  template: 'story',
  status: 'queued',
  idempotency_key: 'key-1',
  callback_nonce: NONCE,
};

function delivery(event: string, secret = SECRET, nowMs = Date.now()) {
  const content = JSON.stringify({ event, video_id: 12345, template: 'story', status: event.split('.').pop() });
  const signed = signWebhookDelivery(secret, nowMs, content);
  return {
    // Zapier's style of header names in bundle.rawRequest.
    rawRequest: {
      method: 'POST' as const,
      headers: {
        'Http-Content-Type': 'application/json',
        'Http-X-Trending-Event': event,
        'Http-X-Trending-Delivery': 'dlv_1',
        'Http-X-Trending-Timestamp': signed['x-trending-timestamp'],
        'Http-X-Trending-Signature-V1': signed['x-trending-signature-v1'],
      },
      content,
    },
    cleanedRequest: JSON.parse(content) as Record<string, unknown>,
  };
}

describe('verifying the callback', () => {
  it('normalises Zapier header names', () => {
    expect(
      normaliseHeaders({ 'Http-X-Trending-Timestamp': '1', HTTP_X_TRENDING_EVENT: 'e', 'x-trending-delivery': 'd' }),
    ).toEqual({
      'x-trending-timestamp': '1',
      'x-trending-event': 'e',
      'x-trending-delivery': 'd',
    });
  });

  it('accepts a delivery signed with the derived secret; rejects another secret and stale timestamps', () => {
    expect(verifyCallback(delivery('trending.story.v001.completed'), SECRET, Date.now())).toMatchObject({
      kind: 'verified',
      eventName: 'trending.story.v001.completed',
      deliveryId: 'dlv_1',
    });
    expect(verifyCallback(delivery('trending.story.v001.completed', 'whsec_other'), SECRET, Date.now())).toMatchObject({
      kind: 'rejected',
      reason: 'signature_mismatch',
    });
    const old = delivery('trending.story.v001.completed', SECRET, Date.now() - 3_600_000);
    expect(verifyCallback(old, SECRET, Date.now())).toMatchObject({ kind: 'rejected', reason: 'timestamp_too_old' });
  });

  it('without the raw body or the signature header there is nothing to verify', () => {
    const { cleanedRequest } = delivery('trending.story.v001.completed');
    expect(verifyCallback({}, SECRET, Date.now())).toEqual({ kind: 'unverifiable' });
    expect(
      verifyCallback({ rawRequest: { content: JSON.stringify(cleanedRequest), headers: {} } }, SECRET, Date.now()),
    ).toEqual({
      kind: 'unverifiable',
    });
  });

  it('the secret is per run and per connection, and reveals neither the key nor the nonce', () => {
    expect(callbackSecret(API_KEY, NONCE)).toBe(SECRET);
    expect(callbackSecret(API_KEY, 'f'.repeat(32))).not.toBe(SECRET);
    expect(callbackSecret('sk_other', NONCE)).not.toBe(SECRET);
    expect(SECRET).not.toContain(API_KEY);
    expect(SECRET).not.toContain(NONCE);
  });

  it("is core's deriveWebhookSecret in the Zapier callback context (no local HMAC)", () => {
    expect(SECRET).toBe(deriveWebhookSecret(API_KEY, 'zapier-callback', NONCE));
  });
});

describe('performResume', () => {
  strictNock();

  it('a verified completed delivery: GETs the final status and outputs the video with the MP4 as a hydrated file', async () => {
    api().get('/api/v1/story/videos/12345').reply(200, videoStatus());
    const output = (await appTester(resumeStory, {
      authData: AUTH,
      outputData: PENDING,
      ...delivery('trending.story.v001.completed'),
    })) as Record<string, unknown>;
    expect(output).toMatchObject({
      id: 12345,
      status: 'completed',
      idempotency_key: 'key-1',
      render_expires_at: '2099-01-01T00:00:00Z',
    });
    expect(output).not.toHaveProperty('callback_nonce');
    const file = String(output.video_file);
    expect(file).toMatch(/^hydrate\|\|\|.*\|\|\|hydrate$/);
    expect(JSON.parse(file.slice('hydrate|||'.length, -'|||hydrate'.length))).toEqual({
      type: 'file',
      method: 'hydrators.renderFile',
      bundle: { template: 'story', video_id: 12345 },
    });
    // The short-lived signed URL is not output: later steps get the file, fetched fresh.
    expect(JSON.stringify(output)).not.toContain('signature=');
  });

  it("keeps every field of the create's output the final status does not repeat (pipeline_run_id)", async () => {
    const { pipeline_run_id: _omitted, ...withoutRunId } = videoStatus();
    api().get('/api/v1/story/videos/12345').reply(200, withoutRunId);
    const created = {
      ...PENDING,
      pipeline_run_id: '6fba1c20-6d1c-4bb2-9a91-2c9f7fcb2d7c',
      request_id: 'req_create_1',
      request_warnings: ['Slides: fewer than usual'],
    };
    const output = (await appTester(resumeStory, {
      authData: AUTH,
      outputData: created,
      ...delivery('trending.story.v001.completed'),
    })) as Record<string, unknown>;
    expect(output).toMatchObject({
      pipeline_run_id: '6fba1c20-6d1c-4bb2-9a91-2c9f7fcb2d7c',
      status: 'completed',
      request_id: 'req_poll_1',
      idempotency_key: 'key-1',
      request_warnings: ['Slides: fewer than usual'],
    });
    // What the Zap editor offers to map (sample, output fields) is what a finished wait outputs.
    const operation = App.creates!.create_story_video!.operation as {
      sample: Record<string, unknown>;
      outputFields: { key: string }[];
    };
    expect(Object.keys(output).sort()).toEqual(Object.keys(operation.sample).sort());
    expect(operation.outputFields.map((f) => f.key).sort()).toEqual(Object.keys(operation.sample).sort());
    for (const key of Object.keys(created)) if (key !== 'callback_nonce') expect(output[key], key).not.toBeNull();
    expect(operation.sample.pipeline_run_id).toEqual(expect.any(String));
  });

  it('a failed run fails the step with the pipeline error and its hint', async () => {
    api()
      .get('/api/v1/story/videos/12345')
      .reply(
        200,
        videoStatus({
          status: 'failed',
          render: null,
          pipeline_error: {
            code: 'slide_generation_failed',
            message: 'Slide 4 could not be generated.',
            step: 'slides',
          },
        }),
      );
    const error = await failure(
      appTester(resumeStory, { authData: AUTH, outputData: PENDING, ...delivery('trending.story.v001.failed') }),
    );
    expect(error.code).toBe('slide_generation_failed');
    expect(error.message).toContain('Video 12345 failed at step slides: Slide 4 could not be generated.');
    expect(error.message).toContain('map a new value into Idempotency Key');
  });

  it('no headers from Zapier: the status GET decides (a finished video is output)', async () => {
    api().get('/api/v1/story/videos/12345').reply(200, videoStatus());
    const { cleanedRequest } = delivery('trending.story.v001.completed');
    const output = await appTester(resumeStory, { authData: AUTH, outputData: PENDING, cleanedRequest });
    expect(output).toMatchObject({ video_id: 12345, status: 'completed' });
  });

  it('a callback Trending did not sign, on an unfinished video: one status read, then the Zap halts naming the video', async () => {
    api()
      .get('/api/v1/story/videos/12345')
      .reply(200, videoStatus({ status: 'running', render: null, step_label: 'Slides', progress_percent: 40 }));
    const forged = delivery('trending.story.v001.completed', 'whsec_attacker');
    // The forged body said "completed"; the step neither succeeds with an unfinished video nor fails as an error.
    const halted = await failure(appTester(resumeStory, { authData: AUTH, outputData: PENDING, ...forged }));
    expect(halted.name).toBe('HaltedError');
    expect(halted.message).toContain('Video 12345 is not finished: it is still running (Slides, 40%)');
    expect(halted.message).toContain('not signed by Trending');
    expect(halted.message).toContain('the Zap stops here rather than go on without the video');
    expect(halted.message).toContain('use Find Video (Template Story, Video ID 12345)');
  });

  it('no signature and the video still running after the 20 s window: the Zap halts naming the video, not wait_timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      let polls = 0;
      api()
        .get('/api/v1/story/videos/12345')
        .times(10)
        .reply(() => {
          polls += 1;
          return [200, videoStatus({ status: 'queued', render: null, step_label: 'Queued', progress_percent: 0 })];
        });
      const { cleanedRequest } = delivery('trending.story.v001.completed');
      let settled = false;
      const resumed = failure(appTester(resumeStory, { authData: AUTH, outputData: PENDING, cleanedRequest })).finally(
        () => {
          settled = true;
        },
      );
      // Fake time moves only between real I/O turns, so each nocked answer arrives before any request timeout.
      for (let i = 0; i < 400 && !settled; i++) {
        for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
        await vi.advanceTimersByTimeAsync(250);
      }
      const halted = await resumed;
      expect(halted.name).toBe('HaltedError');
      // Polled through the window (a genuine delivery may race the status), unlike a rejected callback's single read.
      expect(polls).toBeGreaterThan(1);
      expect(halted.message).toContain('Video 12345 is not finished: it is still queued (Queued, 0%)');
      expect(halted.message).toContain('carried no signature');
      expect(halted.message).toContain('use Find Video');
    } finally {
      vi.useRealTimers();
      nock.cleanAll();
    }
  });

  it('an unsigned callback after the video really finished still yields the true result', async () => {
    api().get('/api/v1/story/videos/12345').reply(200, videoStatus());
    const forged = delivery('trending.story.v001.failed', 'whsec_attacker');
    await expect(appTester(resumeStory, { authData: AUTH, outputData: PENDING, ...forged })).resolves.toMatchObject({
      status: 'completed',
    });
  });

  it('a genuine delivery that races the status: polls until the run ends', async () => {
    api()
      .get('/api/v1/story/videos/12345')
      .reply(200, videoStatus({ status: 'running', render: null, step_eta_seconds: 0 }));
    api().get('/api/v1/story/videos/12345').reply(200, videoStatus());
    const output = await appTester(resumeStory, {
      authData: AUTH,
      outputData: PENDING,
      ...delivery('trending.story.v001.completed'),
    });
    expect(output).toMatchObject({ status: 'completed' });
  }, 15_000);

  it('an aborted video fails the step saying so', async () => {
    api()
      .get('/api/v1/story/videos/12345')
      .reply(200, videoStatus({ status: 'aborted', render: null }));
    const error = await failure(
      appTester(resumeStory, { authData: AUTH, outputData: PENDING, ...delivery('trending.story.v001.failed') }),
    );
    expect(error.message).toContain('Video 12345 was aborted');
  });

  it('an aborted run that ends `failed` (error code aborted) with a `failed` delivery fails the step as aborted', async () => {
    api()
      .get('/api/v1/story/videos/12345')
      .reply(
        200,
        videoStatus({
          status: 'failed',
          render: null,
          pipeline_error: { code: 'aborted', message: 'The run was aborted on request.', step: 'slides' },
        }),
      );
    const error = await failure(
      appTester(resumeStory, { authData: AUTH, outputData: PENDING, ...delivery('trending.story.v001.failed') }),
    );
    expect(error.code).toBe('aborted');
    expect(error.message).toContain('Video 12345 was aborted before it completed, so there is no video to output.');
    expect(error.message).not.toContain('failed at step');
  });
});
