import { describe, expect, it } from 'vitest';

import { renderUrlFromStatus } from '../src/client/render-url';
import type { VideoStatus } from '../src/client/types';
import { pipelineError } from '../src/errors';
import {
  createOutput,
  deliveredFacts,
  deliveryOutput,
  statusFromDelivery,
  statusOutput,
  urlWithoutQuery,
  withoutCredentials,
} from '../src/outputs';

const RESUME = 'https://n8n.example/webhook-waiting/42/trending?signature=RESUME-TOKEN';

/** What an API that repeats the request back might add to any answer. */
const echoed = {
  secret: 'S1',
  api_key: 'K1',
  token: 'T1',
  Authorization: 'Bearer K1',
  headers: { authorization: 'Bearer K1' },
  body: { webhook: { secret: 'W1' } },
};

describe('withoutCredentials', () => {
  it('drops credential-named keys at any depth and in arrays, any case', () => {
    const value = {
      keep: 1,
      Secret: 'x',
      nested: { API_KEY: 'x', apikey: 'x', 'x-api-key': 'x', list: [{ password: 'x', ok: true }] },
      access_token: 'x',
      AUTHORIZATION: 'x',
    };
    expect(withoutCredentials(value)).toEqual({ keep: 1, nested: { list: [{ ok: true }] } });
  });

  it('does not change its input', () => {
    const value = { a: { secret: 's' } };
    withoutCredentials(value);
    expect(value.a.secret).toBe('s');
  });
});

describe('urlWithoutQuery', () => {
  it('removes query and fragment', () => {
    expect(urlWithoutQuery(RESUME)).toBe('https://n8n.example/webhook-waiting/42/trending');
    expect(urlWithoutQuery('https://a.example/x#frag')).toBe('https://a.example/x');
    expect(urlWithoutQuery('https://a.example/x')).toBe('https://a.example/x');
  });
});

describe('createOutput', () => {
  it('keeps the documented create fields and webhook {enabled,url,events} without secret or resume token', () => {
    const out = createOutput({
      ...echoed,
      request_id: 'r',
      video_id: 7,
      pipeline_run_id: 'p',
      status: 'queued',
      poll_url: 'https://trending.com/api/v1/story/videos/7',
      webhook: { enabled: true, url: RESUME, events: ['*'], secret: 'W1' },
      warnings: [{ code: 'w', token: 'T2' }],
      background_selection_summary: { folders: 1, api_key: 'K2' },
    });
    expect(out).toEqual({
      request_id: 'r',
      video_id: 7,
      pipeline_run_id: 'p',
      status: 'queued',
      poll_url: 'https://trending.com/api/v1/story/videos/7',
      webhook: { enabled: true, url: 'https://n8n.example/webhook-waiting/42/trending', events: ['*'] },
      warnings: [{ code: 'w' }],
      background_selection_summary: { folders: 1 },
    });
  });

  it('gives an empty object for a non-object answer and leaves absent fields absent', () => {
    expect(createOutput(null)).toEqual({});
    expect(createOutput({ video_id: 1 })).toEqual({ video_id: 1 });
  });
});

describe('statusOutput', () => {
  it('keeps every documented poll field and the allow-listed extras, nothing else', () => {
    const answer = {
      ...echoed,
      video_id: 7,
      template: 'story',
      name: 'N',
      status: 'completed',
      progress_percent: 100,
      queue_started_at: 't',
      assets: { character_sheet_url: 'https://c.example/a.png', secret: 'S2', slides: [{ token: 'T3', n: 1 }] },
      control_urls: { poll: 'p', start_render: 's', abort: 'a', secret: 'S3' },
      render: { render_url: 'https://trending.com/r?signature=DL', retention: { keep_days: 7 }, token: 'T4' },
      pipeline_error: { code: 'c', message: 'm', authorization: 'x' },
      webhook: { url: RESUME, secret: 'W1' },
      undocumented: 'dropped',
    };
    expect(statusOutput(answer)).toEqual({
      video_id: 7,
      template: 'story',
      name: 'N',
      status: 'completed',
      progress_percent: 100,
      queue_started_at: 't',
      assets: { character_sheet_url: 'https://c.example/a.png', slides: [{ n: 1 }] },
      control_urls: { poll: 'p', start_render: 's', abort: 'a' },
      // Trending's own signed download URL is the point of a render: kept whole.
      render: { render_url: 'https://trending.com/r?signature=DL', retention: { keep_days: 7 } },
      pipeline_error: { code: 'c', message: 'm' },
      webhook: { url: 'https://n8n.example/webhook-waiting/42/trending' },
    });
  });

  it('keeps a null render as null', () => {
    expect(statusOutput({ status: 'running', render: null })).toEqual({ status: 'running', render: null });
  });
});

describe('deliveryOutput', () => {
  it('keeps the payload schema and the progress/render extras', () => {
    const payload = {
      ...echoed,
      event: 'trending.story.v001.render.completed',
      video_id: 7,
      render_url: 'https://trending.com/r?signature=DL',
      error: { code: 'x', secret: 'S' },
      from_step: 'a',
      to_step: 'b',
      render_job_id: 3,
      render_job_status: 'done',
    };
    expect(deliveryOutput(payload)).toEqual({
      event: 'trending.story.v001.render.completed',
      video_id: 7,
      render_url: 'https://trending.com/r?signature=DL',
      error: { code: 'x' },
      from_step: 'a',
      to_step: 'b',
      render_job_id: 3,
      render_job_status: 'done',
    });
  });
});

describe('statusFromDelivery and deliveredFacts', () => {
  // The reference's two payload examples ("Payload schema"), as printed there.
  const completed = {
    event: 'trending.story.v001.completed',
    pipeline_run_id: '6fba1c20-6d1c-4bb2-9a91-2c9f7fcb2d7c',
    video_id: 12345,
    template: 'story',
    template_version: 'v001',
    status: 'completed',
    preview_only: false,
    render_url: 'https://trending.com/studio/renders/123/download?signature=...',
    occurred_at: '2026-01-27T03:12:45Z',
    error: null,
  };
  const failed = {
    event: 'trending.list.v001.failed',
    pipeline_run_id: '6fba1c20-6d1c-4bb2-9a91-2c9f7fcb2d7c',
    video_id: 12345,
    template: 'list',
    template_version: 'v001',
    status: 'failed',
    preview_only: true,
    render_url: null,
    occurred_at: '2026-01-27T03:12:45Z',
    error: { code: 'render_failed', message: 'Render failed due to ...', step: 'render' },
  };

  it("puts a delivery's facts under the status read's names, so the download and the pipeline error read them", () => {
    const status = statusFromDelivery(completed)!;
    expect(status).toEqual({
      video_id: 12345,
      pipeline_run_id: completed.pipeline_run_id,
      template: 'story',
      template_version: 'v001',
      status: 'completed',
      preview_only: false,
      render: { render_url: completed.render_url },
    });
    expect(renderUrlFromStatus(status, 'story', 12345, Date.now())).toBe(completed.render_url);
    const error = pipelineError(statusFromDelivery(failed)!);
    expect(error.code).toBe('render_failed');
    expect(error.message).toContain('at step render');
  });

  it('keeps no credential a delivery might carry, and refuses a payload without a video ID or status', () => {
    const status = statusFromDelivery({ ...failed, error: { ...failed.error, api_key: 'K1' }, secret: 'S1' })!;
    expect(JSON.stringify(status)).not.toMatch(/K1|S1/);
    expect(statusFromDelivery({ ...completed, video_id: '12345' })).toBeUndefined();
    expect(statusFromDelivery({ event: completed.event, video_id: 12345 })).toBeUndefined();
  });

  it('cuts a status read to the same fields', () => {
    const read = {
      ...statusFromDelivery(completed)!,
      dashboard_url: 'https://trending.com/dashboard/videos/12345',
      render: { render_url: completed.render_url, retention: { keep_days: 7 } },
      assets: { character_sheet_url: 'https://x' },
    } as VideoStatus;
    expect(deliveredFacts(read)).toEqual(statusFromDelivery(completed));
  });
});
