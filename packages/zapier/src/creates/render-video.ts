/** Render Video Later: the final render of a video created with Preview Only (or a failed render), started now. */
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { guard } from '../errors';
import { ADVANCED_GROUP, VIDEO_ID_FIELD, templateField } from '../fields';
import { IDEMPOTENCY_FIELD, idempotencyKeyFor } from '../idempotency';
import { clientFor } from '../transport';
import { VIDEO_ACTION_OUTPUT_FIELDS } from '../video-output';
import { videoReference } from '../video-reference';

async function perform(z: ZObject, bundle: Bundle) {
  const { template, videoId } = videoReference(z, bundle);
  // One render per video and Zap: a replay returns the render already started (map a new key to render again).
  const idempotencyKey = idempotencyKeyFor(bundle, ['render', template, videoId]);
  const started = await clientFor(z, bundle).renderVideo(template, videoId, { idempotencyKey });
  return {
    id: videoId,
    video_id: videoId,
    template,
    status: typeof started.status === 'string' ? started.status : null,
    pipeline_run_id: typeof started.pipeline_run_id === 'string' ? started.pipeline_run_id : null,
    request_id: started.request_id ?? null,
    idempotency_key: idempotencyKey,
  };
}

export const renderVideo = defineCreate({
  key: 'render_video',
  noun: 'Render',
  display: {
    label: 'Render Video Later',
    description:
      'Starts the final render of a video created with Preview Only (costs the 30-credit render). Use Find Video later to get the MP4.',
  },
  operation: {
    inputFields: [templateField(), VIDEO_ID_FIELD, IDEMPOTENCY_FIELD],
    inputFieldGroups: [ADVANCED_GROUP],
    perform: guard(
      perform,
      undefined,
      'The render may have been started. Running this step again will not start or charge a second one: ' +
        'it sends the same Idempotency Key, and Trending answers with the render already started.',
    ),
    sample: {
      id: 12345,
      video_id: 12345,
      template: 'story',
      status: 'queued',
      pipeline_run_id: '9b2e4f10-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
      request_id: 'req_3f9d2c1b',
      idempotency_key: '2f1c7a9e-5b3d-5e8f-9a1b-3c4d5e6f7a8b',
    },
    outputFields: [
      ...VIDEO_ACTION_OUTPUT_FIELDS,
      { key: 'request_id', label: 'Request ID', type: 'string' },
      { key: 'idempotency_key', label: 'Idempotency Key', type: 'string' },
    ],
  },
});
