/**
 * Abort Video: cancels a queued or running run. The reference documents no `aborted` status and no abort event, so the
 * answer's status is passed on as it is (`failed` or `aborted`), and nothing here assumes the run goes quiet: Trending
 * may deliver a `*.failed` event for it, which ends a Create step waiting for this video as aborted.
 */
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { guard } from '../errors';
import { VIDEO_ID_FIELD, templateField } from '../fields';
import { clientFor } from '../transport';
import { VIDEO_ACTION_OUTPUT_FIELDS } from '../video-output';
import { videoReference } from '../video-reference';

async function perform(z: ZObject, bundle: Bundle) {
  const { template, videoId } = videoReference(z, bundle);
  const aborted = await clientFor(z, bundle).abortVideo(template, videoId);
  return {
    id: videoId,
    video_id: videoId,
    template,
    status: typeof aborted.status === 'string' ? aborted.status : null,
    pipeline_run_id: typeof aborted.pipeline_run_id === 'string' ? aborted.pipeline_run_id : null,
    released_credits: typeof aborted.released_credits === 'number' ? aborted.released_credits : null,
    request_id: aborted.request_id ?? null,
  };
}

export const abortVideo = defineCreate({
  key: 'abort_video',
  noun: 'Video',
  display: {
    label: 'Abort Video',
    description:
      'Cancels a video that is still queued or running. A Create step waiting for this video then fails, saying the video was aborted.',
  },
  operation: {
    inputFields: [templateField(), VIDEO_ID_FIELD],
    perform: guard(perform),
    sample: {
      id: 12345,
      video_id: 12345,
      template: 'story',
      status: 'aborted',
      pipeline_run_id: '6fba1c20-6d1c-4bb2-9a91-2c9f7fcb2d7c',
      released_credits: 120,
      request_id: 'req_3f9d2c1b',
    },
    outputFields: [
      ...VIDEO_ACTION_OUTPUT_FIELDS,
      { key: 'released_credits', label: 'Released Credits', type: 'integer' },
      { key: 'request_id', label: 'Request ID', type: 'string' },
    ],
  },
});
