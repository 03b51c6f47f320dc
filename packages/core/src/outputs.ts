/**
 * What a face may show of an API answer: the fields the reference documents, picked one by one, never the answer
 * spread whole. An API that repeats the request back (webhook.secret, the Authorization header, a resume token in
 * webhook.url) must not get those into a host's stored output (n8n keeps every item in its database).
 *
 * Free-form objects the reference describes only loosely (assets, timing, errors...) are copied, minus every key named
 * like a credential at any depth.
 */

import type { VideoStatus } from './client/types';

export type OutputJson = Record<string, unknown>;

/** Keys whose value is a credential wherever they appear (`x-api-key`, `signing_secret`, `access_token`...). */
const CREDENTIAL_KEY = /secret|api[_-]?key|authorization|token|password/i;

function isObject(value: unknown): value is OutputJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy without credential-named keys. */
export function withoutCredentials(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCredentials);
  if (!isObject(value)) return value;
  const copy: OutputJson = {};
  for (const [key, inner] of Object.entries(value)) {
    if (!CREDENTIAL_KEY.test(key)) copy[key] = withoutCredentials(inner);
  }
  return copy;
}

/** A URL without its query string and fragment: n8n's resume URL carries its resume token as `?signature=`. */
export function urlWithoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

/** The named keys of an object that are present, each copied without credentials. */
function pick(source: unknown, keys: readonly string[]): OutputJson {
  const out: OutputJson = {};
  if (!isObject(source)) return out;
  for (const key of keys) {
    if (key in source) out[key] = withoutCredentials(source[key]);
  }
  return out;
}

/** webhook {enabled, url, events}, with the URL's query (a resume token) removed; never webhook.secret. */
function pickWebhook(webhook: unknown): OutputJson {
  const out = pick(webhook, ['enabled', 'url', 'events']);
  if (typeof out.url === 'string') out.url = urlWithoutQuery(out.url);
  return out;
}

/** Adds the picked nested object when the answer had one (null kept as null). */
function nested(out: OutputJson, source: OutputJson, key: string, picker: (value: unknown) => OutputJson): void {
  if (!(key in source)) return;
  out[key] = source[key] === null ? null : picker(source[key]);
}

/** The create response example, plus request_id, background_selection_summary and warnings. */
const CREATE_FIELDS = [
  'request_id',
  'video_id',
  'pipeline_run_id',
  'status',
  'poll_url',
  'background_selection_summary',
  'warnings',
] as const;

/** A create (or signed-trigger start) answer as a face may show it. */
export function createOutput(answer: unknown): OutputJson {
  if (!isObject(answer)) return {};
  const out = pick(answer, CREATE_FIELDS);
  nested(out, answer, 'webhook', pickWebhook);
  return out;
}

/** "When completed, the response includes" and "Poll responses include", in the reference's order. */
const STATUS_FIELDS = [
  'request_id',
  'status',
  'current_step',
  'step_label',
  'status_detail',
  'step_number',
  'total_steps',
  'progress_percent',
  'eta_seconds',
  'step_eta_seconds',
  'pipeline_eta_seconds',
  'agent_status_message',
  'queue_wait_seconds',
  'active_processing_seconds',
  'step_elapsed_seconds',
  'queue_started_at',
  'processing_started_at',
  'processing_finished_at',
  'step_started_at',
  'timing',
  'story_progress',
  'long_running_notice',
  'assets',
  'dashboard_url',
  'preview_url',
  'requires_auth_for_preview',
  'background_selection_summary',
  'retention',
  'warnings',
  'pipeline_error',
] as const;

/**
 * Not listed under polling, but harmless and what users map: the ids and template the create answer and webhook
 * payload document, the preview flag and name the create request sets. webhook is added separately (picked).
 */
const STATUS_ALLOWED_EXTRA = [
  'video_id',
  'pipeline_run_id',
  'template',
  'template_version',
  'preview_only',
  'name',
] as const;

/** A status (poll), render or abort answer as a face may show it. */
export function statusOutput(answer: unknown): OutputJson {
  if (!isObject(answer)) return {};
  const out = pick(answer, [...STATUS_FIELDS, ...STATUS_ALLOWED_EXTRA]);
  nested(out, answer, 'control_urls', (urls) => pick(urls, ['poll', 'start_render', 'abort']));
  nested(out, answer, 'render', (render) => pick(render, ['render_url', 'retention']));
  nested(out, answer, 'webhook', pickWebhook);
  return out;
}

/** The webhook payload schema, plus the extra fields of *.progress and *.render.* events. */
const DELIVERY_FIELDS = [
  'event',
  'pipeline_run_id',
  'video_id',
  'template',
  'template_version',
  'status',
  'preview_only',
  'render_url',
  'occurred_at',
  'error',
  'from_step',
  'to_step',
  'render_job_id',
  'render_job_status',
] as const;

/** A webhook delivery's payload as a face may show it. */
export function deliveryOutput(payload: unknown): OutputJson {
  return pick(payload, DELIVERY_FIELDS);
}

/** The facts a terminal delivery and a status read both give about a video, under the status read's names. */
const ENDED_FACTS = ['video_id', 'pipeline_run_id', 'template', 'template_version', 'status', 'preview_only'] as const;

/**
 * A terminal delivery as a status: its facts under the names a status read uses (render_url as render.render_url,
 * error as pipeline_error), so what reads a status (the output, the MP4 download, the pipeline error) reads it too.
 * Undefined for a payload without a numeric video_id and a status.
 */
export function statusFromDelivery(payload: unknown): VideoStatus | undefined {
  if (!isObject(payload) || typeof payload.video_id !== 'number' || typeof payload.status !== 'string')
    return undefined;
  return endedFacts(payload, 'render_url' in payload ? { render_url: payload.render_url } : undefined, payload.error);
}

/** A status read cut to what a delivery says (see statusFromDelivery), so items built from either look alike. */
export function deliveredFacts(status: VideoStatus): VideoStatus {
  return endedFacts(status as unknown as OutputJson, status.render, status.pipeline_error);
}

/** ENDED_FACTS of `source`, with the render URL and the error given under the status read's names. */
function endedFacts(source: OutputJson, render: unknown, error: unknown): VideoStatus {
  const out = pick(source, ENDED_FACTS);
  if (isObject(render) && 'render_url' in render) out.render = { render_url: render.render_url };
  if (isObject(error)) out.pipeline_error = withoutCredentials(error);
  return out as unknown as VideoStatus;
}
