/**
 * Files the simulator serves itself: signed render downloads (a real MP4; no API key needed, and an Authorization
 * header is ignored) and the generated images/clips that poll answers link to.
 */
import { ApiError } from '../errors';
import { intParam, type Ctx, type Reply } from '../http';
import { TINY_PNG, sampleMp4, verifyRenderUrl } from '../renders';
import type { Route } from '../router';

function download(ctx: Ctx): Reply {
  const { sim } = ctx;
  const id = intParam(ctx, 'render_job_id') ?? -1;
  verifyRenderUrl(sim.renderKey, id, ctx.url.searchParams, Math.floor(sim.apiNow() / 1000));
  const render = sim.renders.get(id);
  const video = render ? sim.videos.get(render.videoId) : undefined;
  if (!video) throw new ApiError(404, 'render_not_found', 'This render no longer exists.');
  return {
    status: 200,
    file: { data: sampleMp4(), contentType: 'video/mp4', fileName: `trending-${video.template}-${video.id}.mp4` },
    headers: { 'cache-control': 'private, no-store' },
  };
}

function asset(ctx: Ctx): Reply {
  const path = ctx.params.path ?? '';
  if (path.endsWith('.png')) return { status: 200, file: { data: TINY_PNG, contentType: 'image/png' } };
  if (path.endsWith('.mp4')) return { status: 200, file: { data: sampleMp4(), contentType: 'video/mp4' } };
  throw new ApiError(404, 'not_found', 'No such asset.');
}

export const fileRoutes: readonly Route[] = [
  { method: 'GET', path: '/studio/renders/:render_job_id/download', auth: 'none', body: 'none', handler: download },
  { method: 'GET', path: '/studio/assets/*path', auth: 'none', body: 'none', handler: asset },
];
