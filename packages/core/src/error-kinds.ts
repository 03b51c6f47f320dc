/**
 * Every TrendingError classified once, as Stripe does it: status and code decide a typed classification, and the faces
 * switch on its `kind` and word it in their own terms instead of each reading the API's error details its own way.
 * Only this file reads `details`, and only what the reference promises (the 422 field-level messages, the plan's
 * allowed templates, the maintenance scope) or what core itself put there; anything else is left alone, so an
 * unexpected shape takes the safe path (no field lines).
 */
import { TEMPLATE_IDS, getTemplate } from './catalogue/templates';
import type { HelperFieldSpec, TemplateId } from './catalogue/types';
import type { VideoStatus } from './client/types';
import type { TrendingError } from './errors';
import { withoutCredentials } from './outputs';

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

/** One field-level problem, from the API's 422 details or from core's own check. */
export interface FieldError {
  /** As the API or core named it: `script.reference_images.0.asset_id`. */
  path: string;
  /** The same path without item positions, as the catalogue names the field: `script.reference_images.asset_id`. */
  fieldPath: string;
  /** The item's position counted from 1 when the path names one item of a list. */
  itemNumber?: number;
  /** The catalogue's label when the catalogue knows the field (an item's field: "Reference Images > Asset ID"). */
  label?: string;
  message: string;
}

/** What a face needs to say how far a video got, without naming an endpoint. */
export interface RunFacts {
  videoId?: number | string;
  template?: string;
  /** The last status read before the error, when one was read (waitForCompletion sets it). */
  lastStatus?: VideoStatus;
  /** How long the wait lasted, for wait_timeout. */
  waitedSeconds?: number;
}

export type ErrorClass =
  | { kind: 'validation'; /** The API answered (false: nothing was sent). */ sent: boolean; fields: FieldError[] }
  | { kind: 'plan'; allowedTemplates?: string[]; upgradeUrl?: string }
  | { kind: 'unavailable'; /** Final renders are paused but preview-only work is available. */ previewOnly: boolean }
  | ({ kind: 'wait_timeout' | 'cancelled' | 'aborted' | 'run_failed' } & RunFacts)
  | { kind: Exclude<ErrorKind, 'validation' | 'plan' | 'unavailable' | RunKind> };

type RunKind = 'wait_timeout' | 'cancelled' | 'aborted' | 'run_failed';

/** Where to look up labels: the fields of the failing request (a helper endpoint's) and its template, if known. */
export interface LabelScope {
  template?: TemplateId;
  fields?: readonly HelperFieldSpec[];
}

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
      return { kind, sent: error.status !== undefined, fields: fieldErrors(error, scope) };
    case 'plan':
      return {
        kind,
        allowedTemplates: stringList(details.allowed_templates),
        upgradeUrl: typeof details.upgrade_url === 'string' ? details.upgrade_url : undefined,
      };
    case 'unavailable':
      return { kind, previewOnly: details.scope === 'final_render_only' || details.preview_only_available === true };
    case 'wait_timeout':
    case 'cancelled':
    case 'aborted':
    case 'run_failed':
      return { kind, ...runFacts(error, details) };
    default:
      return { kind };
  }
}

/** Core's own details of a wait or a run (video_id, template, waited_seconds), with the last status read. */
function runFacts(error: TrendingError, details: Record<string, unknown>): RunFacts {
  const last = error.lastStatus;
  const videoId = idOf(details.video_id) ?? idOf(last?.video_id);
  const template = typeof details.template === 'string' ? details.template : last?.template;
  const waited = details.waited_seconds;
  return {
    ...(videoId !== undefined && { videoId }),
    ...(template !== undefined && { template }),
    ...(last !== undefined && { lastStatus: last }),
    ...(typeof waited === 'number' && { waitedSeconds: waited }),
  };
}

function idOf(value: unknown): number | string | undefined {
  return typeof value === 'number' || (typeof value === 'string' && value !== '') ? value : undefined;
}

/**
 * Core's own refusals carry `{ violations: [{ path, message }] }`. The reference says only that a 422's details hold
 * "field-level messages": read as `{ path: message | [messages] }`, every other value skipped.
 */
function fieldErrors(error: TrendingError, scope: LabelScope): FieldError[] {
  const details = error.details;
  if (!isRecord(details)) return [];
  const pairs: [string, string][] = [];
  if (Array.isArray(details.violations)) {
    for (const v of details.violations) {
      if (isRecord(v) && typeof v.path === 'string' && typeof v.message === 'string') pairs.push([v.path, v.message]);
    }
  } else if (error.status !== undefined) {
    // An API that repeats the request back in its details must not have a credential read out as a field's message
    // (the cost: a refused webhook.secret gets no field line).
    for (const [path, value] of Object.entries(withoutCredentials(details) as Record<string, unknown>)) {
      for (const message of Array.isArray(value) ? value : [value]) {
        if (typeof message === 'string' && message !== '') pairs.push([path, message]);
      }
    }
  }
  return pairs.map(([path, message]) => fieldError(path, message, scope));
}

const POSITION = /\[(\d+)\]|\.(\d+)(?=\.|$)/g;

function fieldError(path: string, message: string, scope: LabelScope): FieldError {
  const fieldPath = path.replace(POSITION, '');
  const position = /\[(\d+)\]|\.(\d+)(?=\.|$)/.exec(path);
  const label = fieldPath === '' ? undefined : catalogueLabel(fieldPath, scope);
  return {
    path,
    fieldPath,
    ...(position && { itemNumber: Number(position[1] ?? position[2]) + 1 }),
    ...(label !== undefined && { label }),
    message,
  };
}

/**
 * The catalogue's label for a field path (positions already dropped): the request's own fields first, then its
 * template's, then any template's, as a path means the same field wherever it appears. An item's field reads
 * "List Label > Item Label".
 */
export function catalogueLabel(fieldPath: string, scope: LabelScope = {}): string | undefined {
  const lists: (readonly HelperFieldSpec[])[] = [];
  if (scope.fields) lists.push(scope.fields);
  const templates = scope.template
    ? [scope.template, ...TEMPLATE_IDS.filter((t) => t !== scope.template)]
    : TEMPLATE_IDS;
  for (const id of templates) lists.push(getTemplate(id).fields);
  for (const fields of lists) {
    const label = labelIn(fields, fieldPath);
    if (label !== undefined) return label;
  }
  return undefined;
}

function labelIn(fields: readonly HelperFieldSpec[], path: string): string | undefined {
  for (const field of fields) {
    if (field.path === path || field.aliases?.includes(path)) return field.label;
    if (field.items && path.startsWith(`${field.path}.`)) {
      const item = labelIn(field.items, path.slice(field.path.length + 1));
      if (item !== undefined) return `${field.label} > ${item}`;
    }
  }
  return undefined;
}

/**
 * One field's line under the name a face gives it: a message that starts with the path (core's and the API's usually
 * do, sometimes with only the item-relative part) reads "Slides must be between 10 and 30"; any other reads
 * "Slides: message".
 */
export function fieldLine(field: FieldError, name: string): string {
  const message = withoutEndpoints(field.message);
  const segments = field.path.split('.');
  for (let start = 0; start < segments.length; start++) {
    const lead = segments.slice(start).join('.');
    if (lead !== '' && message.startsWith(`${lead} `)) return name + message.slice(lead.length);
  }
  return `${name}: ${message}`;
}

/**
 * Text without the endpoints it names: "(see GET /api/v1/...)" asides and whole sentences that send the reader to an
 * endpoint go, since each face names the operation, action or command that reads it.
 */
export function withoutEndpoints(text: string): string {
  return text
    .replace(/ \((?:see )?(?:GET|POST|PUT|PATCH|DELETE) \/[^)]*\)/g, '')
    .replace(/\s*[^.:]*\b(?:GET|POST|PUT|PATCH|DELETE) \/api\/[^\s]*[^.]*\.?/g, '');
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
