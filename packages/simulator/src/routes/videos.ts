/** Per-template create, poll, render-later and abort, plus the two trigger endpoints that share create. */
import {
  createVideo,
  idempotencyEntry,
  newRun,
  requireIdempotencyKey,
  requireNoActiveRun,
  requireRenderAvailable,
} from '../create';
import { ApiError, fieldError, notFound, videoNotFound } from '../errors';
import { header, intParam, jsonBody, ok, type Ctx, type Reply } from '../http';
import { abortRun, renderSteps } from '../pipeline';
import { PRICES } from '../pricing';
import type { Route } from '../router';
import { VIDEO_TYPES, isTemplateId, type TemplateId } from '../rules/templates';
import { currentRun, isActive, pipelineRun, type Video } from '../video';
import { controlUrls, pollPath, videoView } from '../views';

function templateParam(ctx: Ctx): TemplateId {
  const t = ctx.params.template;
  if (!isTemplateId(t)) throw notFound(`The video type ${JSON.stringify(t)}`);
  return t;
}

/** Unknown ids and other accounts' videos look the same: 404. */
export function findVideo(ctx: Ctx, template: TemplateId): Video {
  const id = intParam(ctx, 'video_id');
  const video = id === null ? undefined : ctx.sim.videos.get(id);
  if (!video || video.accountId !== ctx.account?.id || video.template !== template) throw videoNotFound();
  return video;
}

function account(ctx: Ctx) {
  if (!ctx.account) throw new Error('route needs an authenticated account');
  return ctx.account;
}

function create(ctx: Ctx): Reply {
  const template = templateParam(ctx);
  return createVideo(ctx, {
    account: account(ctx),
    template,
    body: jsonBody(ctx),
    idempotencyKey: header(ctx, 'idempotency-key'),
    source: 'api',
  });
}

function poll(ctx: Ctx): Reply {
  return ok(videoView(ctx.sim, findVideo(ctx, templateParam(ctx))));
}

function render(ctx: Ctx): Reply {
  const { sim } = ctx;
  const template = templateParam(ctx);
  const key = requireIdempotencyKey(header(ctx, 'idempotency-key'));
  const video = findVideo(ctx, template);
  const idemKey = idempotencyEntry(video.accountId, 'render', key);
  const stored = sim.idempotency.get(idemKey);
  if (stored && typeof stored === 'object') return ok(stored, 202, { 'idempotent-replayed': 'true' });
  requireNoActiveRun(video, 'A run is still queued or running; wait for it to finish before rendering.');
  if (pipelineRun(video).status !== 'completed') {
    throw new ApiError(
      409,
      'video_not_renderable',
      'Only a completed preview or video can be rendered; this run did not complete.',
      {
        status: pipelineRun(video).status,
      },
    );
  }
  requireRenderAvailable(ctx);
  const now = sim.apiNow();
  const hold = sim.ledger.hold(account(ctx), PRICES.render, video.id, `${template}.v001.render`, now);
  const renderRun = newRun(ctx, 'render', renderSteps(template), now, hold);
  const answer = {
    video_id: video.id,
    pipeline_run_id: renderRun.id,
    render_job_id: renderRun.renderJobId,
    status: 'queued',
    template,
    poll_url: pollPath(video),
    control_urls: controlUrls(ctx.base, video),
    estimate: { render_credits: PRICES.render, held_credits: PRICES.render },
  };
  sim.idempotency.set(idemKey, answer);
  sim.startRun(video, renderRun);
  sim.tick();
  return ok(answer, 202);
}

function abort(ctx: Ctx): Reply {
  const { sim } = ctx;
  const video = findVideo(ctx, templateParam(ctx));
  const run = currentRun(video);
  if (!isActive(run)) {
    throw new ApiError(
      409,
      'run_not_active',
      `The run is already ${run.status}; only queued or running runs can be aborted.`,
      {
        status: run.status,
      },
    );
  }
  const released = run.hold.remaining;
  abortRun(sim, video, run, sim.apiNow());
  return ok({ video_id: video.id, pipeline_run_id: run.id, status: run.status, released_credits: released });
}

/** Trigger-only keys are not part of the template's create body; `video_type` is the one required field. */
function triggerBody(body: Record<string, unknown>): { template: TemplateId; rest: Record<string, unknown> } {
  const { api_key: _apiKey, video_type: videoType, idempotency_key: _key, ...rest } = body;
  if (!isTemplateId(videoType)) {
    const what = videoType === undefined || videoType === null ? 'is required:' : 'must be';
    throw fieldError('video_type', `video_type ${what} one of ${VIDEO_TYPES.value.join(', ')}`);
  }
  return { template: videoType, rest };
}

/** The header wins; a body idempotency_key is taken "like the header" when it is a string. */
function triggerKey(ctx: Ctx, body: Record<string, unknown>): string | undefined {
  const fromBody = typeof body.idempotency_key === 'string' ? body.idempotency_key : undefined;
  return header(ctx, 'idempotency-key') ?? fromBody;
}

/** Both trigger endpoints: the same body and create, told apart only by how the caller authenticated. */
function trigger(source: Exclude<Video['source'], 'api'>) {
  return (ctx: Ctx): Reply => {
    const body = jsonBody(ctx);
    const { template, rest } = triggerBody(body);
    return createVideo(ctx, {
      account: account(ctx),
      template,
      body: rest,
      idempotencyKey: triggerKey(ctx, body),
      source,
    });
  };
}

export const videoRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/api/v1/triggers/videos',
    auth: 'key-or-body',
    body: 'json',
    handler: trigger('trigger_api_key'),
  },
  {
    method: 'POST',
    path: '/api/v1/triggers/webhook',
    auth: 'signed',
    body: 'json',
    handler: trigger('trigger_signed'),
  },
  { method: 'POST', path: '/api/v1/:template/videos', auth: 'key', body: 'json', handler: create },
  { method: 'GET', path: '/api/v1/:template/videos/:video_id', auth: 'key', body: 'none', handler: poll },
  { method: 'POST', path: '/api/v1/:template/videos/:video_id/render', auth: 'key', body: 'json', handler: render },
  { method: 'POST', path: '/api/v1/:template/videos/:video_id/abort', auth: 'key', body: 'json', handler: abort },
];
