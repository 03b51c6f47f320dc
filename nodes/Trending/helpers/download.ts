/**
 * The rendered MP4 as binary data, for the node (Get, Render, Create, the resume call) and the trigger.
 */
import type { IBinaryData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { renderUrlFromStatus, TrendingError, type TemplateId, type TrendingClient, type VideoStatus } from '../core';

function fileNameFor(template: TemplateId, videoId: number | string): string {
  return `trending-${template}-${videoId}.mp4`;
}

interface StreamResponse {
  statusCode: number;
  body: unknown;
}

function discard(body: unknown): void {
  const stream = body as { destroy?: () => void; resume?: () => void } | undefined;
  if (typeof stream?.destroy === 'function') stream.destroy();
}

/**
 * The rendered MP4 as binary data: the render URL comes from a fresh status (it is short-lived), the file is streamed
 * (never held whole in memory by this node) and fetched WITHOUT the API key: it is a signed URL of its own. A URL that
 * expired between the status and the download is refreshed once.
 */
export async function downloadRender(
  ctx: IExecuteFunctions | IWebhookFunctions,
  client: TrendingClient,
  template: TemplateId,
  videoId: number | string,
  /** A status read moments ago: its render URL is tried first, saving a status read. */
  justRead?: VideoStatus,
): Promise<IBinaryData> {
  let lastStatus = 0;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const url =
      attempt === 1 && justRead
        ? renderUrlFromStatus(justRead, template, videoId, Date.now())
        : await client.freshRenderUrl(template, videoId);
    const response = (await ctx.helpers.httpRequest({
      url,
      method: 'GET',
      encoding: 'stream',
      returnFullResponse: true,
      ignoreHttpStatusErrors: true,
      timeout: 10 * 60 * 1000,
    })) as StreamResponse;
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return await ctx.helpers.prepareBinaryData(response.body as Buffer, fileNameFor(template, videoId), 'video/mp4');
    }
    discard(response.body);
    lastStatus = response.statusCode;
    if (![401, 403, 404, 410].includes(response.statusCode)) break;
  }
  throw new TrendingError({
    code: 'render_download_failed',
    message: `Downloading the render of video ${videoId} failed with HTTP ${lastStatus}, also with a fresh render URL.`,
    hint:
      lastStatus === 403 || lastStatus === 410
        ? 'The signed render URL was refused: the file may be past its retention window. Render the video again, then download it.'
        : 'Try again later; if it persists, contact Trending support with the video ID.',
    details: { video_id: videoId, template, http_status: lastStatus },
  });
}
