/**
 * Story slide animations: per slide only, 10 credits per derived second (held when requested, captured when the clip
 * is done), at most 3 running platform-wide with the rest queued.
 */
import { ApiError, fieldError, notFound } from '../errors';
import { jsonBody, ok, type Ctx, type Reply } from '../http';
import { slidesDone } from '../pipeline';
import { PRICES } from '../pricing';
import type { Route } from '../router';
import { MAX_RUNNING_ANIMATIONS, animationClipPath, animationExtra } from '../sidejobs';
import type { SlideAnimation, Video } from '../video';
import { findVideo } from './videos';

/** The clip length follows the slide's narration timing; the simulator derives 3-5 s from the index. */
export function slideSeconds(slideIndex: number): number {
  return 3 + (slideIndex % 3);
}

function animationView(ctx: Ctx, video: Video, anim: SlideAnimation | undefined): Record<string, unknown> | null {
  if (!anim) return null;
  return {
    status: anim.status,
    lip_sync: anim.lipSync,
    duration_seconds: anim.seconds,
    credits: anim.credits,
    charged_credits: anim.status === 'completed' ? anim.credits : 0,
    clip_url: anim.status === 'completed' ? ctx.base + animationClipPath(video, anim.slideIndex) : null,
  };
}

function list(ctx: Ctx): Reply {
  const video = findVideo(ctx, 'story');
  const story = video.story;
  if (!story) throw new Error('story video without story state');
  const done = slidesDone(video);
  const queue = ctx.sim.animationQueue;
  return ok({
    video_id: video.id,
    slides: Array.from({ length: story.slides }, (_, i) => ({
      slide_index: i,
      image_ready: i < done,
      image_url: i < done ? `${ctx.base}/studio/assets/story/${video.id}/slides/${i}.png` : null,
      duration_seconds: slideSeconds(i),
      estimated_credits: slideSeconds(i) * PRICES.slideAnimationPerSecond,
      lip_sync_default: true,
      animation: animationView(ctx, video, story.animations.get(i)),
    })),
    pricing: { credits_per_second: PRICES.slideAnimationPerSecond },
    platform: {
      max_concurrent: MAX_RUNNING_ANIMATIONS,
      running: queue.filter((q) => q.anim.status === 'in_progress').length,
      queued: queue.filter((q) => q.anim.status === 'queued').length,
    },
  });
}

function create(ctx: Ctx): Reply {
  const { sim } = ctx;
  const video = findVideo(ctx, 'story');
  const story = video.story;
  if (!story || !ctx.account) throw new Error('story video without story state');
  const body = jsonBody(ctx);
  // `slide_index` (0-based) and `lip_sync` are the simulator's keys for "animate one selected slide".
  const index = body.slide_index;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
    throw fieldError('slide_index', 'slide_index is required: the 0-based index of the slide to animate');
  }
  if (index >= story.slides)
    throw fieldError('slide_index', `slide_index must be below ${story.slides} (the video has ${story.slides} slides)`);
  if (index >= slidesDone(video)) {
    throw new ApiError(409, 'slide_not_ready', `Slide ${index} has no image yet; wait for the slides step.`, {
      slide_index: index,
    });
  }
  if (story.animations.has(index)) {
    throw new ApiError(
      409,
      'slide_animation_exists',
      `Slide ${index} already has an animation; delete it first to animate again.`,
      {
        slide_index: index,
        status: story.animations.get(index)?.status,
      },
    );
  }
  const now = sim.apiNow();
  const seconds = slideSeconds(index);
  const credits = seconds * PRICES.slideAnimationPerSecond;
  const hold = sim.ledger.hold(ctx.account, credits, video.id, 'story.v001.slide_animation', now);
  const anim: SlideAnimation = {
    slideIndex: index,
    status: 'queued',
    seconds,
    credits,
    lipSync: body.lip_sync !== false,
    hold,
    queuedAt: now,
    startedAt: null,
    finishedAt: null,
    fail: video.sideFailures.has('slide_animation_failed'),
  };
  story.animations.set(index, anim);
  const entry = { video, anim };
  sim.animationQueue.push(entry);
  sim.emitSide(video, 'slide_animation.queued', now, animationExtra(sim, entry));
  sim.tick();
  const waiting = sim.animationQueue.filter((q) => q.anim.status === 'queued');
  return ok(
    {
      video_id: video.id,
      slide_index: index,
      status: anim.status,
      lip_sync: anim.lipSync,
      duration_seconds: seconds,
      estimated_credits: credits,
      queue_position: anim.status === 'queued' ? waiting.indexOf(entry) + 1 : 0,
    },
    202,
  );
}

function remove(ctx: Ctx): Reply {
  const { sim } = ctx;
  const video = findVideo(ctx, 'story');
  const raw = ctx.params.slide_index ?? '';
  const index = /^[0-9]{1,4}$/.test(raw) ? Number(raw) : -1;
  const anim = video.story?.animations.get(index);
  if (!video.story || !anim) throw notFound(`An animation of slide ${raw}`, 'slide_animation_not_found');
  const now = sim.apiNow();
  sim.ledger.release(anim.hold, now);
  video.story.animations.delete(index);
  const at = sim.animationQueue.findIndex((q) => q.anim === anim);
  if (at >= 0) sim.animationQueue.splice(at, 1);
  sim.emitSide(video, 'slide_animation.deleted', now, {
    slide_index: index,
    animation_status: 'deleted',
    clip_url: null,
  });
  return ok({ video_id: video.id, slide_index: index, status: 'deleted', deleted: true });
}

export const animationRoutes: readonly Route[] = [
  { method: 'GET', path: '/api/v1/story/videos/:video_id/slide-animations', auth: 'key', body: 'none', handler: list },
  {
    method: 'POST',
    path: '/api/v1/story/videos/:video_id/slide-animations',
    auth: 'key',
    body: 'json',
    handler: create,
  },
  {
    method: 'DELETE',
    path: '/api/v1/story/videos/:video_id/slide-animations/:slide_index',
    auth: 'key',
    body: 'none',
    handler: remove,
  },
];
