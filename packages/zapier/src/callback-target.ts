/**
 * Whether the run a waiting Create step got back will call this step's callback URL, decided from the create answer
 * alone, and how the step ends when it will not (or cannot be known to).
 *
 * What a replay looks like: the Idempotency-Key (idempotency.ts) is derived from the Zap, the action and the request
 * without its webhook, so every execution of this step with these values (Zapier's Replay or Autoreplay, a second
 * Zap run with identical values, core's own retry of a lost answer) sends the same key, and the API answers them all
 * with the one run the first of them started. The webhook that run keeps is the callback URL of the execution that
 * started it; every execution has its own callback URL, and nothing else in the answer (video_id, pipeline_run_id,
 * status) differs between a new run and a returned one. So:
 * - the webhook echo in the answer (`webhook.url`, which the reference shows) decides: this step's callback URL,
 *   compared as URLs (core's sameUrl), means the run calls back here; another URL, or no webhook, means it
 *   calls an earlier execution back, or nothing. A retry inside this execution sent this URL, so it counts as here.
 * - without an echo nothing in the answer tells a new run from a returned one (the `Idempotent-Replayed` header is not
 *   in the reference and is not read). The safe path is not to wait: a step parked for a callback that never comes
 *   sits silent for up to 30 days, while a step that ends at once names the video and Find Video, and the video is
 *   made (and charged) once either way.
 */
import {
  getTemplate,
  pipelineError,
  type CreateVideoResponse,
  type TemplateId,
  type VideoStatus,
} from '@trending/core';
import type { ZObject } from 'zapier-platform-core';
import { sameUrl } from '@trending/core';

export type CallbackTarget = 'here' | 'elsewhere' | 'unconfirmed';

export function callbackTarget(created: CreateVideoResponse, callbackUrl: string): CallbackTarget {
  const echo: unknown = created.webhook;
  if (typeof echo !== 'object' || echo === null) return 'unconfirmed';
  const { enabled, url } = echo as { enabled?: unknown; url?: unknown };
  if (typeof url === 'string' && url.trim() !== '') return sameUrl(url, callbackUrl) ? 'here' : 'elsewhere';
  return enabled === false ? 'elsewhere' : 'unconfirmed';
}

const AGAIN = 'To make a new video from the same values, map a new value into Idempotency Key.';

export function whereItIs(status: VideoStatus): string {
  const parts = [status.step_label, typeof status.progress_percent === 'number' ? `${status.progress_percent}%` : null];
  const where = parts.filter(Boolean).join(', ');
  return where ? ` (${where})` : '';
}

export function findVideoHint(template: TemplateId, videoId: number): string {
  return `Find Video (Template ${getTemplate(template).label}, Video ID ${videoId})`;
}

/** The error a waiting step ends with when no webhook is known to reach it; an aborted run never gets here. */
export function cannotWait(
  z: ZObject,
  template: TemplateId,
  status: VideoStatus,
  target: Exclude<CallbackTarget, 'here'>,
  idempotencyKey: string,
): Error {
  const find = `Use ${findVideoHint(template, status.video_id)}`;
  if (status.status === 'failed') {
    const failed = pipelineError(status);
    const earlier = target === 'elsewhere' ? ' (an earlier run of this step, returned again)' : '';
    return new z.errors.Error(`${failed.message}${earlier}. ${AGAIN}`, failed.code);
  }
  if (target === 'elsewhere') {
    if (status.status === 'completed') {
      return new z.errors.Error(
        `This step already ran with the same values (Idempotency Key ${idempotencyKey}): video ${status.video_id} is ${status.status}, ` +
          `so there is nothing to wait for. ${find} to get it. ${AGAIN}`,
        'already_finished',
      );
    }
    return new z.errors.HaltedError(
      `This step already ran with the same values (Idempotency Key ${idempotencyKey}): video ${status.video_id} is that earlier run's video, still ${status.status}${whereItIs(status)}. ` +
        `Its end is reported to the earlier step, not to this one, so this step does not wait for it. ${find} to get it once it is done. ${AGAIN}`,
    );
  }
  const why =
    `Trending's answer for video ${status.video_id} does not say where the video reports its end (it carries no webhook), ` +
    `so this step cannot know that it will be called back: it may be an earlier run of this step, returned again for the same values (Idempotency Key ${idempotencyKey}).`;
  if (status.status === 'completed') {
    return new z.errors.Error(
      `${why} Video ${status.video_id} is already completed, so there is nothing to wait for. ${find} to get it. ${AGAIN}`,
      'already_finished',
    );
  }
  return new z.errors.HaltedError(
    `${why} This step does not wait: video ${status.video_id} is ${status.status}${whereItIs(status)} and keeps running. ${find} to get it once it is done.`,
  );
}
