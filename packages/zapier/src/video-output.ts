/**
 * The one output shape of every video step (the creates, Find Video): flat, every key always present, the MP4 as a
 * hydrated file instead of the short-lived render_url.
 */
import type { CreateVideoResponse, TemplateId, VideoStatus } from '@trending/core';
import type { PlainOutputField, ZObject } from 'zapier-platform-core';
import { renderFile } from './hydrators';

export interface VideoOutput {
  id: number;
  video_id: number;
  template: TemplateId;
  status: string;
  preview_only: boolean | null;
  pipeline_run_id: string | null;
  step_label: string | null;
  progress_percent: number | null;
  dashboard_url: string | null;
  preview_url: string | null;
  /** A hydrated file: Zapier fetches the MP4 (from a fresh render URL) only when a later step uses it. */
  video_file: string | null;
  render_expires_at: string | null;
  error_code: string | null;
  error_message: string | null;
  request_id: string | null;
  idempotency_key: string | null;
}

export function videoOutput(
  z: ZObject,
  template: TemplateId,
  status: VideoStatus | CreateVideoResponse,
  idempotencyKey: string | null,
): VideoOutput {
  const full: Partial<VideoStatus> = status;
  const rendered = full.status === 'completed' && Boolean(full.render?.render_url);
  return {
    id: status.video_id,
    video_id: status.video_id,
    template,
    status: status.status,
    preview_only: full.preview_only ?? null,
    pipeline_run_id: status.pipeline_run_id ?? null,
    step_label: full.step_label ?? null,
    progress_percent: full.progress_percent ?? null,
    dashboard_url: full.dashboard_url ?? null,
    preview_url: full.preview_url ?? null,
    video_file: rendered ? z.dehydrateFile(renderFile, { template, video_id: status.video_id }) : null,
    render_expires_at: full.render?.retention?.expires_at ?? full.retention?.expires_at ?? null,
    error_code: full.pipeline_error?.code ?? null,
    error_message: full.pipeline_error?.message ?? null,
    request_id: status.request_id ?? null,
    idempotency_key: idempotencyKey,
  };
}

/**
 * A waiting create's final output: the video's status as it ends, and wherever that status is silent, what the create
 * step had already output. The poll answer does not promise every field of the create's answer (pipeline_run_id is
 * only shown in the create's), and a later step mapped from the create's sample must not find it emptied by the wait.
 */
export function withCreateFields<T extends VideoOutput>(final: T, created: Partial<VideoOutput> | undefined): T {
  const out = { ...final } as Record<string, unknown>;
  for (const key of Object.keys(final)) {
    const earlier = (created as Record<string, unknown> | undefined)?.[key];
    if (out[key] === null && earlier !== null && earlier !== undefined) out[key] = earlier;
  }
  return out as T;
}

export function videoSample(template: TemplateId): VideoOutput {
  return {
    id: 12345,
    video_id: 12345,
    template,
    status: 'completed',
    preview_only: false,
    pipeline_run_id: '6fba1c20-6d1c-4bb2-9a91-2c9f7fcb2d7c',
    step_label: 'Completed',
    progress_percent: 100,
    dashboard_url: 'https://trending.com/dashboard/videos/12345',
    preview_url: 'https://trending.com/dashboard/videos/12345/preview',
    video_file: 'https://zapier.com/engine/hydrate/1/abcdef/',
    render_expires_at: '2026-02-03T03:12:45Z',
    error_code: null,
    error_message: null,
    request_id: 'req_3f9d2c1b',
    idempotency_key: '2f1c7a9e-5b3d-5e8f-9a1b-3c4d5e6f7a8b',
  };
}

/** What the API answers to an action on an existing video (render, abort), before any action-specific field. */
export const VIDEO_ACTION_OUTPUT_FIELDS: PlainOutputField[] = [
  { key: 'id', label: 'ID', type: 'integer' },
  { key: 'video_id', label: 'Video ID', type: 'integer' },
  { key: 'template', label: 'Template', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'pipeline_run_id', label: 'Pipeline Run ID', type: 'string' },
];

export const VIDEO_OUTPUT_FIELDS: PlainOutputField[] = [
  { key: 'id', label: 'ID', type: 'integer' },
  { key: 'video_id', label: 'Video ID', type: 'integer' },
  { key: 'template', label: 'Template', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'preview_only', label: 'Preview Only', type: 'boolean' },
  { key: 'pipeline_run_id', label: 'Pipeline Run ID', type: 'string' },
  { key: 'step_label', label: 'Step', type: 'string' },
  { key: 'progress_percent', label: 'Progress Percent', type: 'number' },
  { key: 'dashboard_url', label: 'Dashboard URL', type: 'string' },
  { key: 'preview_url', label: 'Preview URL', type: 'string' },
  { key: 'video_file', label: 'Video File', type: 'file' },
  { key: 'render_expires_at', label: 'Render Expires At', type: 'datetime' },
  { key: 'error_code', label: 'Error Code', type: 'string' },
  { key: 'error_message', label: 'Error Message', type: 'string' },
  { key: 'request_id', label: 'Request ID', type: 'string' },
  { key: 'idempotency_key', label: 'Idempotency Key', type: 'string' },
];
