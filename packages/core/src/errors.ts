/**
 * One error type for everything that can go wrong talking to Trending: the API's envelope (code, message, details,
 * request_id) kept as is, plus an actionable hint and whether trying again can help.
 */
import type { VideoStatus } from './client/types';
import { classifyError, type ErrorClass } from './error-kinds';
import type { HttpResponse } from './transport';
import { safeToScrub } from './secrets';
import { formatViolations, type Violation } from './validation';

export interface TrendingErrorInit {
  code: string;
  message: string;
  /** HTTP status; undefined for local validation, network and waiting errors. */
  status?: number;
  details?: unknown;
  requestId?: string;
  /** Defaults to the hint documented for `code` (or for `status`). */
  hint?: string;
  /** Defaults to true for rate limits, temporary outages, network errors and timeouts. */
  retryable?: boolean;
  retryAfterSeconds?: number;
}

export interface TrendingErrorJSON {
  name: 'TrendingError';
  code: string;
  message: string;
  status?: number;
  details?: unknown;
  requestId?: string;
  hint: string;
  retryable: boolean;
  retryAfterSeconds?: number;
}

export class TrendingError extends Error {
  override readonly name = 'TrendingError';
  readonly code: string;
  readonly status?: number;
  readonly details?: unknown;
  readonly requestId?: string;
  readonly hint: string;
  readonly retryable: boolean;
  readonly retryAfterSeconds?: number;
  /**
   * Set by waitForCompletion: the last status it read before this error, so a face can report how far the video got
   * without wrapping the status reads. Left out of toJSON: it is an API answer, not part of the error.
   */
  lastStatus?: VideoStatus;

  constructor(init: TrendingErrorInit) {
    super(init.message);
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
    this.requestId = init.requestId;
    this.hint = init.hint ?? hintFor(this);
    this.retryable = init.retryable ?? isRetryable(init.code, init.status);
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** A plain object without the stack: safe to log, to return as node output, or to snapshot. */
  toJSON(): TrendingErrorJSON {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      details: this.details,
      requestId: this.requestId,
      hint: this.hint,
      retryable: this.retryable,
      retryAfterSeconds: this.retryAfterSeconds,
    };
  }
}

const RETRYABLE_CODES = new Set(['rate_limited', 'service_unavailable', 'network_error', 'timeout']);

function isRetryable(code: string, status: number | undefined): boolean {
  return RETRYABLE_CODES.has(code) || status === 429 || status === 502 || status === 503 || status === 504;
}

/** A hint that depends on more than the code reads the facts core's classification took from the details. */
type Hint = string | ((classified: ErrorClass) => string);

const NEW_KEY_TO_RETRY =
  'To try again, start a new run with a new Idempotency-Key (the old key returns this failed run).';

/** One entry per documented error code, plus the codes core raises itself. */
const HINTS: Record<string, Hint> = {
  missing_api_key:
    'Add your Trending API key to the credential (sent as Authorization: Bearer). Create one at https://trending.com/dashboard/developer/api-keys.',
  invalid_api_key:
    'The API key is wrong or revoked: create a new one at https://trending.com/dashboard/developer/api-keys and update the credential.',
  invalid_signature:
    'Check the trigger ID and secret (from /dashboard/developer/triggers) and the sender clock (within ~5 minutes); the signature must cover the exact raw body bytes sent.',
  nonce_reused:
    'Every signed-trigger request needs a fresh X-Trending-Nonce: re-sign the request instead of replaying it.',
  idempotency_required: 'Send an Idempotency-Key header: create, render and trigger requests require one.',
  validation_failed: 'Fix the fields listed in the error details, then send the request again.',
  insufficient_credits:
    'Add credits at https://trending.com/dashboard/billing or lower the cost (fewer slides, preview_only=true); POST /api/v1/cost-estimate quotes a request before you create it.',
  membership_api_required:
    'Your plan does not include API access: upgrade your Trending plan (POST /api/v1/account/readiness shows what is missing).',
  membership_mcp_required: 'MCP-identified requests need an MCP-enabled plan: upgrade your Trending plan.',
  membership_template_required: (c) => {
    const plan: { allowedTemplates?: string[]; upgradeUrl?: string } = c.kind === 'plan' ? c : {};
    const allowed = plan.allowedTemplates?.join(', ');
    const upgrade = plan.upgradeUrl ? ` Upgrade at ${plan.upgradeUrl}.` : ' Upgrade your plan to use it.';
    return allowed
      ? `Your plan does not include this template; it includes: ${allowed}.${upgrade}`
      : `Your plan does not include this template (error.details.allowed_templates lists the ones it does).${upgrade}`;
  },
  rate_limited:
    'Too many requests for this API key or trigger: slow down (poll every 5-15 s) and retry after the Retry-After delay.',
  request_too_large:
    'The request body is over the 3,145,728-byte (3 MB) cap: send fewer nested settings or shorter texts.',
  storage_quota_exceeded:
    'The upload exceeds your remaining storage: delete unused Library items or upgrade your plan.',
  service_unavailable: (c) =>
    c.kind === 'unavailable' && c.previewOnly
      ? 'Final renders are paused for maintenance but preview-only work is available: create with preview_only=true now and render later.'
      : 'Temporary outage or maintenance: wait a minute and retry; if it persists, contact support with the request_id.',
  script_version_conflict:
    'Read the script again (GET /api/v1/list/videos/{video_id}/script), re-apply your edits, and send the new ETag as If-Match (or expected_updated_at).',
  audio_locked:
    'Narration is already attached to this script: send reset_audio=true to save the edit (the narration is regenerated).',
  pipeline_run_active:
    'A pipeline run is queued or running for this video: wait for it to finish (or abort it) before editing.',
  invalid_background_folder_id:
    'The folder ID is not one of your Library folders: pick one from GET /api/v1/library/folders, or leave it empty.',
  invalid_ranking_category_preset:
    'Use one of the documented ranking category presets (bodycam, security_camera, cinematic, animals, ...).',
  invalid_library_folder_id:
    'The folder ID is not one of your Library folders: pick one from GET /api/v1/library/folders, or leave it empty.',
  invalid_library_video_upload:
    'The file failed media checks: upload an MP4/MOV/WebM/M4V (max 200 MB) with a readable video stream, at least 500 px wide and 10 seconds long.',
  slide_generation_failed: `Story image generation was under heavy load. ${NEW_KEY_TO_RETRY}`,
  character_sheet_generation_failed: `Story image generation was under heavy load. ${NEW_KEY_TO_RETRY}`,
  background_folder_underfilled:
    'The background folder has too few usable clips: add clips, pick another folder, or allow auto-fill; POST /api/v1/library/folders/coverage checks a folder before create.',
  render_failed:
    'Render again (POST /api/v1/{template}/videos/{video_id}/render with a new Idempotency-Key); if it fails again, contact support with the request_id.',
  network_error: 'No response from Trending: check the network connection and the base URL, then try again.',
  timeout: 'Trending did not answer in time: try again, or raise the timeout.',
  wait_timeout:
    'The video keeps rendering in the background: poll it again later, or set webhook.url to be told when it finishes.',
  aborted: 'The run was aborted: start a new run (with a new Idempotency-Key) if you still need the video.',
  invalid_response:
    'Trending answered with something other than the expected JSON: check the base URL (a proxy or login page may be answering).',
  render_not_ready: 'Wait for the video to complete (poll it or use a webhook), then ask for the render URL again.',
  render_not_available:
    'The video was created with preview_only=true and has no final render: render it (POST .../render) first.',
  render_expired: 'The rendered file is past its retention window: render the video again to get a new file.',
};

const STATUS_HINTS: Record<number, string> = {
  400: 'The API rejected the request as malformed: check the request fields.',
  401: 'Authentication failed: check the API key or the signed-trigger credentials.',
  403: 'Your plan or account does not allow this request: check POST /api/v1/account/readiness.',
  404: 'Not found: check the template and video ID (a video belongs to the template it was created with).',
  409: 'The resource changed or is busy: read it again, then retry your change.',
  413: 'The request is too large: send less data.',
  422: 'The API could not process the request: read the message and details, fix the request, then send it again.',
  429: 'Too many requests: slow down and retry later.',
};

function hintFor(error: TrendingError): string {
  const { code, status } = error;
  const hint = HINTS[code];
  if (typeof hint === 'function') return hint(classifyError(error));
  if (hint) return hint;
  if (status !== undefined && STATUS_HINTS[status]) return STATUS_HINTS[status];
  if (status !== undefined && status >= 500) {
    return 'Trending had a server error: try again later; if it persists, contact support with the request_id.';
  }
  return 'See the error message and details; contact Trending support with the request_id if it persists.';
}

/** The generic code for a status whose body carries none. */
function codeForStatus(status: number): string {
  const codes: Record<number, string> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    413: 'request_too_large',
    422: 'validation_failed',
    429: 'rate_limited',
    503: 'service_unavailable',
  };
  return codes[status] ?? (status >= 500 ? 'server_error' : 'http_error');
}

/** True for a TrendingError, also one thrown by another copy of core (the n8n package compiles its own). */
export function isTrendingError(error: unknown): error is TrendingError {
  return (
    error instanceof TrendingError || (error instanceof Error && error.name === 'TrendingError' && 'code' in error)
  );
}

export interface ErrorContext {
  /** Strings to scrub from everything the error carries (API key, trigger and webhook secrets). */
  secrets?: readonly (string | undefined)[];
  /** For an HTTP-date Retry-After. */
  nowMs?: number;
}

/** Reads the API's error envelope `{ request_id, error: { code, message, details } }`; any other body is tolerated. */
export function errorFromResponse(res: HttpResponse, context: ErrorContext = {}): TrendingError {
  const parsed = parseJson(res.body);
  const envelope = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : undefined;
  const requestId =
    (isRecord(parsed) && typeof parsed.request_id === 'string' ? parsed.request_id : undefined) ??
    res.headers['x-request-id'];
  const code = typeof envelope?.code === 'string' && envelope.code ? envelope.code : codeForStatus(res.status);
  let message =
    typeof envelope?.message === 'string' && envelope.message
      ? envelope.message
      : `Trending answered HTTP ${res.status}${bodySnippet(res.body, parsed)}`;
  if (code === 'script_version_conflict') {
    message = `Someone else changed the script since it was read. ${message}`;
  }
  const retryAfterMs = parseRetryAfterMs(res.headers['retry-after'], context.nowMs);
  const error = new TrendingError({
    code,
    message,
    status: res.status,
    details: envelope?.details,
    requestId,
    retryAfterSeconds: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
  });
  return redactError(error, context.secrets ?? []);
}

function bodySnippet(body: string, parsed: unknown): string {
  if (parsed !== undefined || body.trim() === '') return '';
  const text = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `: ${text.length > 200 ? `${text.slice(0, 200)}...` : text}`;
}

/** Retry-After as milliseconds: delay-seconds or an HTTP date (relative to `nowMs`); undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | undefined, nowMs?: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  if (Number.isNaN(at) || nowMs === undefined) return undefined;
  return Math.max(0, at - nowMs);
}

/** A local validation failure: nothing was sent. */
export function validationError(violations: readonly Violation[]): TrendingError {
  return new TrendingError({
    code: 'validation_failed',
    message: `The request is invalid:${violations.length > 1 ? '\n' : ' '}${formatViolations(violations)}`,
    details: { violations },
  });
}

/** `pipeline_error` of a failed poll: sanitised by the API, with optional step/category/retryable/hint. */
export interface PipelineErrorInfo {
  code: string;
  message: string;
  step?: string | null;
  category?: string | null;
  retryable?: boolean | null;
  hint?: string | null;
}

/** The error for a run that ended `failed`, naming the video and the step. */
export function pipelineError(status: {
  video_id?: number | string;
  request_id?: string;
  pipeline_error?: PipelineErrorInfo | null;
}): TrendingError {
  const info = status.pipeline_error;
  const code = info?.code || 'pipeline_failed';
  const step = info?.step ? ` at step ${info.step}` : '';
  const error = new TrendingError({
    code,
    message: `Video ${status.video_id ?? '(unknown id)'} failed${step}: ${info?.message || 'no reason given'}`,
    details: { video_id: status.video_id, ...info },
    requestId: status.request_id,
    hint: info?.hint || (HINTS[code] ? undefined : `The run failed. ${NEW_KEY_TO_RETRY}`),
    retryable: info?.retryable ?? false,
  });
  // The status it ended with is what tells classifyError this is a failed run, whatever the pipeline's code.
  error.lastStatus = { ...status, status: 'failed' } as VideoStatus;
  return error;
}

const REDACTED = '[REDACTED]';

/**
 * Replaces every secret (also as it appears JSON-escaped or URL-encoded) with `[REDACTED]`. A secret too short to be
 * unique (see safeToScrub) is replaced only where it stands alone, never inside a longer word or number, so a key
 * such as `a` cannot eat letters out of the text around it.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  const forms = new Map<string, boolean>();
  for (const secret of secrets) {
    if (!secret) continue;
    const anywhere = safeToScrub(secret);
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) {
      forms.set(form, (forms.get(form) ?? false) || anywhere);
    }
  }
  // Longest first, so a secret that contains another is removed whole.
  let out = text;
  for (const [form, anywhere] of [...forms].sort(([a], [b]) => b.length - a.length)) {
    out = anywhere ? out.split(form).join(REDACTED) : out.replace(standingAlone(form), REDACTED);
  }
  return out;
}

/** The form where no letter, digit, `_` or `-` touches it on either side. */
function standingAlone(form: string): RegExp {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, 'g');
}

/** The same error with every secret scrubbed from its message, hint and details. */
export function redactError(error: TrendingError, secrets: readonly (string | undefined)[]): TrendingError {
  if (!secrets.some(Boolean)) return error;
  const redacted = new TrendingError({
    code: redact(error.code, secrets),
    message: redact(error.message, secrets),
    status: error.status,
    details: redactValue(error.details, secrets),
    requestId: error.requestId,
    hint: redact(error.hint, secrets),
    retryable: error.retryable,
    retryAfterSeconds: error.retryAfterSeconds,
  });
  redacted.lastStatus = redactValue(error.lastStatus, secrets) as VideoStatus | undefined;
  return redacted;
}

function redactValue(value: unknown, secrets: readonly (string | undefined)[]): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redact(key, secrets), redactValue(item, secrets)]),
    );
  }
  return value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
