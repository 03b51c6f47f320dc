/**
 * render.render_url is a short-lived signed URL: faces fetch a fresh status right before downloading, and get a clear
 * reason when there is nothing to download.
 */
import type { TemplateId } from '../catalogue/types';
import { TrendingError } from '../errors';
import type { VideoStatus } from './types';

export function renderUrlFromStatus(
  status: VideoStatus,
  template: TemplateId,
  videoId: number | string,
  nowMs: number,
): string {
  const details = { video_id: status.video_id ?? videoId, template, status: status.status };
  if (status.status !== 'completed') {
    const step = status.step_label ?? status.current_step;
    throw new TrendingError({
      code: 'render_not_ready',
      message: `Video ${videoId} is ${status.status}${step ? ` (${step})` : ''}: it has no render yet.`,
      details,
    });
  }
  const url = status.render?.render_url;
  if (!url) {
    throw new TrendingError({
      code: 'render_not_available',
      message: status.preview_only
        ? `Video ${videoId} was created preview-only and has not been rendered: render it first.`
        : `Video ${videoId} completed without a render URL.`,
      details,
    });
  }
  const expiresAt = Date.parse(status.render?.retention?.expires_at ?? status.retention?.expires_at ?? '');
  if (!Number.isNaN(expiresAt) && expiresAt <= nowMs) {
    throw new TrendingError({
      code: 'render_expired',
      message: `The render of video ${videoId} expired at ${new Date(expiresAt).toISOString()} (end of its retention window).`,
      details,
    });
  }
  return url;
}
