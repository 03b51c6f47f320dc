/**
 * Request and response shapes of the Trending API, from the reference's documented fields. Responses are returned as
 * parsed, so fields the reference does not name are still present at runtime.
 */
import type { UploadProfile } from '../catalogue/helpers';
import type { TemplateId } from '../catalogue/types';
import type { PipelineErrorInfo } from '../errors';
import type { RetryOptions } from '../retry';
import type { Transport } from '../transport';

export interface TrendingClientOptions {
  /** Default https://trending.com. */
  baseUrl?: string;
  /** Needed by every endpoint except the signed trigger. */
  apiKey?: string;
  transport: Transport;
  /** Per attempt. Default 30 000 ms. */
  timeoutMs?: number;
  retry?: RetryOptions;
  userAgent?: string;
}

/** For every call: cancel between attempts, or give slow endpoints (uploads) a longer per-attempt timeout. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface IdempotentCallOptions extends CallOptions {
  /** Stable across retries of the same logical request: derive it with `deriveIdempotencyKey`. */
  idempotencyKey: string;
}

/**
 * Pagination pass-through. The reference documents no paging for list endpoints; when the API adds it, `page` and
 * `cursor` are sent as query parameters and the raw body (with whatever next-page fields it carries) is in `raw`.
 */
export interface ListParams extends CallOptions {
  page?: number;
  cursor?: string;
}

export interface ListResult<T> {
  items: T[];
  /** The whole response body (request_id, any pagination fields). */
  raw: Record<string, unknown>;
}

export type JsonObject = Record<string, unknown>;

/** `(string & Record<never, never>)` keeps editor completion for the documented values while accepting new ones. */
export type VideoRunStatus =
  'queued' | 'running' | 'completed' | 'failed' | 'aborted' | (string & Record<never, never>);

export interface OutboundWebhookConfig {
  url: string;
  /** Signs deliveries; never echoed in errors. */
  secret?: string;
  /** Allowlist with `*` wildcards; default terminal events only. */
  events?: string[];
}

/** A create body: the template's catalogue fields (validated against the catalogue before sending). */
export interface CreateVideoBody {
  name?: string;
  prompt?: string;
  preview_only?: boolean;
  webhook?: OutboundWebhookConfig;
  [field: string]: unknown;
}

export interface TriggerVideoBody extends CreateVideoBody {
  video_type: TemplateId;
}

export interface CreateVideoResponse {
  request_id?: string;
  video_id: number;
  pipeline_run_id?: string;
  status: VideoRunStatus;
  poll_url?: string;
  webhook?: { enabled: boolean; url?: string | null; events?: string[] } | null;
  background_selection_summary?: JsonObject | null;
  warnings?: unknown[];
}

export interface RetentionInfo {
  keep_days?: number | null;
  expires_at?: string | null;
  notice?: string | null;
  admin_exempt?: boolean | null;
}

export interface ControlUrls {
  poll?: string | null;
  start_render?: string | null;
  abort?: string | null;
}

/** A poll response (GET /api/v1/{template}/videos/{video_id}), with every documented field. */
export interface VideoStatus {
  request_id?: string;
  video_id: number;
  pipeline_run_id?: string;
  template?: TemplateId;
  template_version?: string;
  status: VideoRunStatus;
  preview_only?: boolean;
  current_step?: string | null;
  step_label?: string | null;
  status_detail?: string | null;
  step_number?: number | null;
  total_steps?: number | null;
  progress_percent?: number | null;
  /** Legacy alias of step_eta_seconds. */
  eta_seconds?: number | null;
  step_eta_seconds?: number | null;
  pipeline_eta_seconds?: number | null;
  agent_status_message?: string | null;
  queue_wait_seconds?: number | null;
  active_processing_seconds?: number | null;
  step_elapsed_seconds?: number | null;
  queue_started_at?: string | null;
  processing_started_at?: string | null;
  processing_finished_at?: string | null;
  step_started_at?: string | null;
  timing?: JsonObject | null;
  story_progress?: JsonObject | null;
  long_running_notice?: unknown;
  /** Story: character sheet, references, per-slide media, outro, slide animations, narration audio. */
  assets?: JsonObject | null;
  dashboard_url?: string | null;
  preview_url?: string | null;
  requires_auth_for_preview?: boolean;
  control_urls?: ControlUrls | null;
  background_selection_summary?: JsonObject | null;
  render?: { render_url: string | null; retention?: RetentionInfo | null } | null;
  retention?: RetentionInfo | null;
  warnings?: unknown[];
  /** Only when failed. */
  pipeline_error?: PipelineErrorInfo | null;
}

/** Render and abort answers: the reference documents no body beyond the usual run fields. */
export interface VideoActionResponse {
  request_id?: string;
  video_id?: number;
  status?: VideoRunStatus;
  [key: string]: unknown;
}

export interface CostEstimate {
  request_id?: string;
  template: TemplateId;
  template_version?: string;
  estimate: {
    preview_only?: boolean;
    slides?: number;
    narration_units?: number;
    script_credits?: number;
    image_credits?: number;
    narration_credits?: number;
    transcription_credits?: number;
    metadata_credits?: number;
    render_credits?: number;
    total_credits: number;
    pricing_version?: string;
    pricing_source?: string;
  };
}

export interface VoiceActor {
  id: number;
  name: string;
  gender?: string | null;
  age?: string | null;
  accent?: string | null;
  preview_url?: string | null;
  [key: string]: unknown;
}

export interface LibraryFolder {
  id: number;
  name: string;
  [key: string]: unknown;
}

export interface FolderCoverage {
  request_id?: string;
  warnings?: unknown[];
  [key: string]: unknown;
}

/** 'background' | 'ranking': the catalogue's UPLOAD_PROFILES. */
export type { UploadProfile };

export interface LibraryVideoUpload {
  data: Uint8Array;
  fileName: string;
  /** Default from the file extension (video/mp4, video/quicktime, video/webm, video/x-m4v). */
  mimeType?: string;
  name?: string;
  folderId?: number;
  uploadProfile?: UploadProfile;
}

export interface LibraryVideoUrlImport {
  url: string;
  name?: string;
  folderId?: number;
  uploadProfile?: UploadProfile;
}

export interface LibraryAsset {
  id?: number;
  asset_id?: number;
  /** Poll until `available` or `failed`. */
  status: 'queued' | 'processing' | 'available' | 'failed' | (string & Record<never, never>);
  [key: string]: unknown;
}

export interface LibraryUploadStatus {
  request_id?: string;
  asset: LibraryAsset;
  /** Present while the asset is still processing. */
  poll_after_seconds?: number;
  warnings?: unknown[];
  [key: string]: unknown;
}

export interface CharacterSource {
  video_id?: number;
  [key: string]: unknown;
}

export interface ReferenceImage {
  asset_id: number;
  name?: string;
  image_url?: string;
  alias_suggestion?: string;
  [key: string]: unknown;
}

export type ReferenceImageUpload =
  { data: Uint8Array; fileName: string; mimeType: string; name?: string } | { sourceUrl: string; name?: string };

export interface ReferenceImageUploadResult {
  request_id?: string;
  asset_id: number;
  reference_image?: ReferenceImage;
  [key: string]: unknown;
}

export interface OutroSource {
  key: string;
  [key: string]: unknown;
}

/**
 * PUT /api/v1/story/videos/{video_id}/outro. The reference names the settings but not their keys; these mirror the
 * create body's `script.outro` (and validation.ts checks them).
 */
export interface OutroUpdate {
  enabled?: boolean;
  text?: string;
  speaker?: string;
  image_prompt?: string;
  reference_slide_index?: number;
  /** Story reference-image asset IDs, at most 4. */
  attachment_asset_ids?: number[];
}

export interface SlideAnimationRequest {
  slide_index: number;
  [key: string]: unknown;
}

export interface ListScriptResult {
  /** intro, ordered lines, CTA metadata, ctas[], emoji_suggestions[], updated_at. */
  script: JsonObject & { updated_at?: string | null };
  /** Send back as If-Match to detect concurrent edits. */
  etag?: string;
  requestId?: string;
}

export interface ListScriptEditOptions extends ListScriptUpdateOptions {
  /** The script.updated_at the edits were made against; default: the one read just before writing. */
  expectedUpdatedAt?: string;
  /** Send reset_audio=true: needed once narration is attached (it is regenerated). */
  resetAudio?: boolean;
}

export interface ListScriptUpdateOptions extends CallOptions {
  /** The ETag from getListScript: a stale write then fails with script_version_conflict instead of overwriting. */
  ifMatch?: string;
  /** Default PUT; the reference gives PATCH the same meaning (a full save). */
  method?: 'PUT' | 'PATCH';
}
