/**
 * Story side jobs that run beside (or after) the pipeline: outro image generation and slide animations. Kling runs
 * at most 3 slide animations platform-wide, so later requests wait in a queue until a slot opens.
 */
import type { Sim } from './sim';
import type { SlideAnimation, Video } from './video';

export const MAX_RUNNING_ANIMATIONS = 3;
export const ANIMATION_MS = 60_000;
export const OUTRO_IMAGE_MS = 20_000;

export interface QueuedAnimation {
  video: Video;
  anim: SlideAnimation;
}

export function animationClipPath(video: Video, slideIndex: number): string {
  return `/studio/assets/story/${video.id}/slides/${slideIndex}/animation.mp4`;
}

export function outroImagePath(video: Video, runId: number): string {
  return `/studio/assets/story/${video.id}/outro/${runId}.png`;
}

export function advanceOutroImages(sim: Sim, now: number): void {
  for (const video of sim.outroJobs) {
    const job = video.story?.outroImage;
    if (!job || job.status !== 'queued') {
      sim.outroJobs.delete(video);
      continue;
    }
    if (job.finishAt > now) continue;
    const account = sim.account(video.accountId);
    if (job.fail) {
      job.status = 'failed';
      sim.ledger.release(job.hold, job.finishAt);
    } else {
      job.status = 'completed';
      sim.ledger.capture(account, job.hold, job.credits, 'story.v001.outro_image.generate', job.finishAt);
    }
    sim.outroJobs.delete(video);
    sim.emitSide(video, `outro_image.${job.status}`, job.finishAt, {
      outro_image_run_id: job.runId,
      image_url: job.status === 'completed' ? sim.baseUrl + outroImagePath(video, job.runId) : null,
      error: job.fail
        ? { code: 'outro_image_failed', message: 'The outro image could not be generated.', step: 'outro_image' }
        : null,
    });
  }
}

export function advanceAnimations(sim: Sim, now: number): void {
  let freedAt = -Infinity;
  for (;;) {
    const queue = sim.animationQueue;
    const running = queue.filter((q) => q.anim.status === 'in_progress');
    const waiting = queue.filter((q) => q.anim.status === 'queued');
    const first = waiting[0];
    if (running.length < MAX_RUNNING_ANIMATIONS && first) {
      const start = Math.max(first.anim.queuedAt, freedAt);
      if (start > now) return;
      first.anim.status = 'in_progress';
      first.anim.startedAt = start;
      sim.emitSide(first.video, 'slide_animation.in_progress', start, animationExtra(sim, first));
      continue;
    }
    let next: QueuedAnimation | undefined;
    for (const q of running) if (!next || (q.anim.startedAt ?? 0) < (next.anim.startedAt ?? 0)) next = q;
    if (!next || next.anim.startedAt === null) return;
    const finish = next.anim.startedAt + ANIMATION_MS;
    if (finish > now) return;
    finishAnimation(sim, next, finish);
    freedAt = finish;
  }
}

function finishAnimation(sim: Sim, q: QueuedAnimation, at: number): void {
  const { video, anim } = q;
  anim.finishedAt = at;
  if (anim.fail) {
    anim.status = 'failed';
    sim.ledger.release(anim.hold, at);
  } else {
    anim.status = 'completed';
    sim.ledger.capture(
      sim.account(video.accountId),
      anim.hold,
      anim.credits,
      'story.v001.slide_animation.generate',
      at,
    );
  }
  sim.animationQueue.splice(sim.animationQueue.indexOf(q), 1);
  sim.emitSide(video, `slide_animation.${anim.status}`, at, {
    ...animationExtra(sim, q),
    error: anim.fail
      ? {
          code: 'slide_animation_failed',
          message: 'The slide animation could not be generated.',
          step: 'slide_animation',
        }
      : null,
  });
}

export function animationExtra(sim: Sim, q: QueuedAnimation): Record<string, unknown> {
  return {
    slide_index: q.anim.slideIndex,
    animation_status: q.anim.status,
    duration_seconds: q.anim.seconds,
    credits: q.anim.credits,
    clip_url: q.anim.status === 'completed' ? sim.baseUrl + animationClipPath(q.video, q.anim.slideIndex) : null,
  };
}
