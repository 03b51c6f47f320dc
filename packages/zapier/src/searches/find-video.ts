/** Find Video: a video by template and ID, in the same shape the Create steps output (the MP4 as a file). */
import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { isTrendingError } from '@trending/core';
import { guard } from '../errors';
import { VIDEO_ID_FIELD, templateField } from '../fields';
import { clientFor } from '../transport';
import { VIDEO_OUTPUT_FIELDS, videoOutput, videoSample } from '../video-output';
import { videoReference } from '../video-reference';

async function perform(z: ZObject, bundle: Bundle) {
  const { template, videoId } = videoReference(z, bundle);
  try {
    const status = await clientFor(z, bundle).getVideo(template, videoId);
    return [videoOutput(z, template, status, null)];
  } catch (error) {
    // A search that finds nothing returns no result, so "Find or Create" flows and filters work.
    if (isTrendingError(error) && error.status === 404) return [];
    throw error;
  }
}

export const findVideo = defineSearch({
  key: 'find_video',
  noun: 'Video',
  display: {
    label: 'Find Video',
    description: 'Finds a video by its template and ID, with its status and (once rendered) the MP4 file.',
  },
  operation: {
    inputFields: [templateField(), VIDEO_ID_FIELD],
    perform: guard(perform),
    sample: { ...videoSample('story') },
    outputFields: VIDEO_OUTPUT_FIELDS,
  },
});
