/**
 * The MP4 behind a video's `video_file` output. render_url is a short-lived signed URL, so the output carries only
 * (template, video_id); when a later step needs the file, Zapier runs this hydrator, which asks Trending for a fresh
 * render URL, downloads it without the API key (the URL is its own credential), and stashes the bytes with Zapier.
 */
import { errorFromResponse, isTemplateId, type HttpResponse } from '@trending/core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { stepDeadline } from './budget';
import { guard } from './errors';
import { clientFor } from './transport';

async function hydrateRenderFile(z: ZObject, bundle: Bundle): Promise<string> {
  const { template, video_id: videoId } = bundle.inputData as { template?: unknown; video_id?: unknown };
  if (!isTemplateId(template) || (typeof videoId !== 'number' && typeof videoId !== 'string')) {
    throw new z.errors.Error(
      'This video file reference is incomplete (template and video ID are needed).',
      'invalid_file',
    );
  }
  const url = await clientFor(z, bundle).freshRenderUrl(template, videoId);
  // The signed URL is on Trending's own host; authentication.ts adds the API key only under the API base's /api/ path,
  // and this request sends no header of its own.
  const download = await z.request({
    url,
    method: 'GET',
    raw: true,
    skipThrowForStatus: true,
    timeout: Math.max(1, stepDeadline(bundle) - Date.now()),
  });
  if (download.status >= 400) {
    const body = await download.text();
    const headers: HttpResponse['headers'] = {};
    download.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    throw errorFromResponse({ status: download.status, headers, body });
  }
  const length = Number(download.headers.get('content-length')) || undefined;
  return z.stashFile(download.body, length, `trending-${template}-${videoId}.mp4`, 'video/mp4');
}

export const renderFile = guard(hydrateRenderFile);

export const hydrators = { renderFile };
