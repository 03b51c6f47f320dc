/**
 * Every TrendingError classified once, as Stripe does it: status and code decide a typed classification, and the faces
 * switch on its `kind` and word it in their own terms instead of each reading the API's error details its own way.
 * Only core reads `details` (here and in field-errors.ts), and only what the reference promises (the 422 field-level
 * messages, the plan's allowed templates, the maintenance scope), what core itself put there, or an upgrade_url used
 * only when present; anything else is left alone, so an unexpected shape takes the safe path (no field lines).
 */
import type { VideoStatus } from './client/types';
import type { TrendingError } from './errors';
import { fieldErrors, type FieldError, type LabelScope } from './field-errors';

export type ErrorKind =
  /** 401: the API key is missing, wrong or revoked; a signed trigger's signature or nonce is refused. */
  | 'auth'
  /** 403: the plan does not include the API, MCP or the template. */
  | 'plan'
  /** 402: not enough credits. */
  | 'credits'
  /** Core's spend guard: the quote is above the caller's maximum, so nothing was sent. */
  | 'spend_limit'
  /** 400/422, or core's own check before sending: the request is wrong, often field by field. */
  | 'validation'
  /** 409: the script changed, has narration attached, or a run is active. */
  | 'conflict'
  /** 413: the body or an upload is too large (for the request cap or the storage left). */
  | 'too_large'
  /** 429. */
  | 'rate_limit'
  /** 503: maintenance or a temporary outage. */
  | 'unavailable'
  /** Another 5xx. */
  | 'server'
  /** 404. */
  | 'not_found'
  /** The render is not there: not yet, never (preview only) or not any more (expired). */
  | 'not_ready'
  /** No answer: the connection failed. */
  | 'network'
  /** No answer in time. */
  | 'timeout'
  /** An answer that is not the JSON the API documents (a proxy or a login page). */
  | 'bad_response'
  /** The wait ran out; the run keeps going. */
  | 'wait_timeout'
  /** The caller cancelled a request or a wait; a run it was waiting for keeps going. */
  | 'cancelled'
  /** The run was aborted and will not finish. */
  | 'aborted'
  /** The run ended `failed` (pipeline_error). */
  | 'run_failed'
  | 'other';

/** What a face needs to say how far a video got, without naming an endpoint. */
export interface RunFacts {
  videoId?: number | string;
  template?: string;
  /** The last status read before the error, when one was read (waitForCompletion sets it). */
  lastStatus?: VideoStatus;
}

export type ErrorClass =
  | { kind: 'validation'; /** The API answered (false: nothing was sent). */ sent: boolean; fields: FieldError[] }
  | { kind: 'plan'; allowedTemplates?: string[]; upgradeUrl?: string }
  | { kind: 'unavailable'; /** Final renders are paused but preview-only work is available. */ previewOnly: boolean }
  | {
      kind: 'spend_limit';
      /** The create quote's total, when the quote was a create's. */ estimatedCredits?: number;
      maxCredits?: number;
    }
  | ({ kind: 'wait_timeout' | 'cancelled' | 'aborted' | 'run_failed' } & RunFacts)
  | { kind: Exclude<ErrorKind, 'validation' | 'plan' | 'unavailable' | 'spend_limit' | RunKind> };

type RunKind = 'wait_timeout' | 'cancelled' | 'aborted' | 'run_failed';

const BY_CODE: Record<string, ErrorKind> = {
  missing_api_key: 'auth',
  invalid_api_key: 'auth',
  invalid_signature: 'auth',
  nonce_reused: 'auth',
  unauthorized: 'auth',
  membership_api_required: 'plan',
  membership_mcp_required: 'plan',
  membership_template_required: 'plan',
  forbidden: 'plan',
  insufficient_credits: 'credits',
  spend_limit_exceeded: 'spend_limit',
  validation_failed: 'validation',
  idempotency_required: 'validation',
  bad_request: 'validation',
  invalid_background_folder_id: 'validation',
  invalid_ranking_category_preset: 'validation',
  invalid_library_folder_id: 'validation',
  invalid_library_video_upload: 'validation',
  script_version_conflict: 'conflict',
  audio_locked: 'conflict',
  pipeline_run_active: 'conflict',
  conflict: 'conflict',
  request_too_large: 'too_large',
  storage_quota_exceeded: 'too_large',
  rate_limited: 'rate_limit',
  service_unavailable: 'unavailable',
  server_error: 'server',
  not_found: 'not_found',
  video_not_found: 'not_found',
  render_not_ready: 'not_ready',
  render_not_available: 'not_ready',
  render_expired: 'not_ready',
  network_error: 'network',
  timeout: 'timeout',
  invalid_response: 'bad_response',
  wait_timeout: 'wait_timeout',
};

const BY_STATUS: Record<number, ErrorKind> = {
  400: 'validation',
  401: 'auth',
  402: 'credits',
  403: 'plan',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  422: 'validation',
  429: 'rate_limit',
  503: 'unavailable',
};

function kindOf(error: TrendingError): ErrorKind {
  const last = error.lastStatus;
  if (error.code === 'aborted') return last && isAbortedRun(last) ? 'aborted' : 'cancelled';
  // A failed run's code is the pipeline's own (slide_generation_failed, render_failed, ...), so the status says it.
  if (error.status === undefined && last?.status === 'failed') return 'run_failed';
  const byCode = BY_CODE[error.code];
  if (byCode) return byCode;
  if (error.status === undefined) return 'other';
  return BY_STATUS[error.status] ?? (error.status >= 500 ? 'server' : 'other');
}

/** The reference documents an abort as `failed` with pipeline_error.code `aborted`; a status `aborted` counts too. */
function isAbortedRun(status: VideoStatus): boolean {
  return status.status === 'aborted' || (status.status === 'failed' && status.pipeline_error?.code === 'aborted');
}

/** The one classification of an error; `scope` names the request's fields for their labels. */
export function classifyError(error: TrendingError, scope: LabelScope = {}): ErrorClass {
  const kind = kindOf(error);
  const details = isRecord(error.details) ? error.details : {};
  switch (kind) {
    case 'validation':
      return {
        kind,
        sent: error.status !== undefined,
        fields: fieldErrors(error.details, error.status !== undefined, scope),
      };
    case 'plan':
      return {
        kind,
        allowedTemplates: stringList(details.allowed_templates),
        upgradeUrl: typeof details.upgrade_url === 'string' ? details.upgrade_url : undefined,
      };
    case 'unavailable':
      return { kind, previewOnly: details.scope === 'final_render_only' || details.preview_only_available === true };
    case 'spend_limit': {
      // Core's spend guard's own details: { estimate, max_credits }.
      const estimate = isRecord(details.estimate) ? details.estimate.total_credits : undefined;
      return {
        kind,
        ...(typeof estimate === 'number' && { estimatedCredits: estimate }),
        ...(typeof details.max_credits === 'number' && { maxCredits: details.max_credits }),
      };
    }
    case 'wait_timeout':
    case 'cancelled':
    case 'aborted':
    case 'run_failed':
      return { kind, ...runFacts(error, details) };
    default:
      return { kind };
  }
}

/** Core's own details of a wait or a run (video_id, template), with the last status read. */
function runFacts(error: TrendingError, details: Record<string, unknown>): RunFacts {
  const last = error.lastStatus;
  const videoId = idOf(details.video_id) ?? idOf(last?.video_id);
  const template = typeof details.template === 'string' ? details.template : last?.template;
  return {
    ...(videoId !== undefined && { videoId }),
    ...(template !== undefined && { template }),
    ...(last !== undefined && { lastStatus: last }),
  };
}

function idOf(value: unknown): number | string | undefined {
  return typeof value === 'number' || (typeof value === 'string' && value !== '') ? value : undefined;
}

/** "running (Slides, 40%)": how far a run got, from its last status, in no face's words. */
export function runProgress(status: VideoStatus): string {
  const where = [status.step_label ?? status.current_step, percent(status.progress_percent)].filter(Boolean).join(', ');
  return `${status.status}${where ? ` (${where})` : ''}`;
}

function percent(value: number | null | undefined): string | undefined {
  return typeof value === 'number' ? `${value}%` : undefined;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
