/**
 * Core's hints, in a Zap builder's words. Core speaks to API developers (endpoints, headers, JSON paths, "credential");
 * a Zap user sees field labels, action and search names and Zapier's terms. The mapping is by error code, then by
 * status, like core's own; a hint that did not come from core's table (one the API sent with a failed run) is kept.
 * Core's messages name the request (`POST /api/v1/...`) where a Zap user needs none: messageFor drops that. What a
 * hint needs to know beyond the code (the plan's templates, whether previews still work, where a wait stopped) comes
 * from core's classification.
 */
import { TrendingError, classifyError, withoutEndpoints, type ErrorClass } from '@trending/core';

const NEW_VIDEO =
  'To try again, map a new value into Idempotency Key (the same values return this failed video), then replay the step.';

type Hint = string | ((classified: ErrorClass) => string);

const BY_CODE: Record<string, Hint> = {
  missing_api_key:
    'Reconnect your Trending account in Zapier with an API key from https://trending.com/dashboard/developer/api-keys.',
  invalid_api_key:
    'The API key of this connection is wrong or revoked: create a new one at https://trending.com/dashboard/developer/api-keys and reconnect your Trending account in Zapier.',
  validation_failed: 'Correct the fields above, then run the step again.',
  insufficient_credits:
    'Add credits at https://trending.com/dashboard/billing, or lower the cost (fewer slides, or Preview Only set to Yes). The Estimate Cost search quotes a video before you create it.',
  membership_api_required:
    'Your Trending plan does not include API access: upgrade it. The Check Readiness search shows what is missing.',
  membership_template_required: (c) => {
    const plan = c.kind === 'plan' ? c : { allowedTemplates: undefined, upgradeUrl: undefined };
    const upgrade = plan.upgradeUrl ? `Upgrade at ${plan.upgradeUrl}.` : 'Upgrade your plan to use it.';
    return plan.allowedTemplates
      ? `Your Trending plan does not include this template; it includes: ${plan.allowedTemplates.join(', ')}. ${upgrade}`
      : `Your Trending plan does not include this template. ${upgrade}`;
  },
  rate_limited: "Trending's rate limit for this API key was reached: Zapier runs the step again later.",
  request_too_large: "The request is over Trending's 3 MB limit: use shorter texts or fewer settings.",
  storage_quota_exceeded:
    'The upload exceeds your remaining Trending storage: delete unused Library items or upgrade your plan.',
  service_unavailable: (c) =>
    c.kind === 'unavailable' && c.previewOnly
      ? 'Final renders are paused for maintenance, but previews work: set Preview Only to Yes now and use Render Video Later afterwards.'
      : 'Trending is briefly unavailable (maintenance or an outage): replay the step in a few minutes; if it persists, contact Trending support with the request ID.',
  script_version_conflict: 'Someone else changed the script since it was read: run Update List Script again.',
  audio_locked:
    'Narration is already attached to this script: set Reset Audio to Yes to save the edit (the narration is made again).',
  pipeline_run_active:
    'The video is still being made: wait for it to finish (or stop it with Abort Video) before editing its script.',
  invalid_background_folder_id: 'Pick a folder from the dropdown, or leave the field empty.',
  invalid_library_folder_id: 'Pick a folder from the dropdown, or leave the field empty.',
  background_folder_underfilled:
    'The background folder has too few usable clips: add clips to it in Trending, or pick another folder.',
  slide_generation_failed: `Story image generation was under heavy load. ${NEW_VIDEO}`,
  character_sheet_generation_failed: `Story image generation was under heavy load. ${NEW_VIDEO}`,
  render_failed:
    'Render it again with Render Video Later (map a new value into its Idempotency Key); if it fails again, contact Trending support with the request ID.',
  network_error: 'Trending could not be reached: replay the step later.',
  wait_timeout: 'The video keeps being made: use Find Video to get it later.',
  aborted: 'To make the video after all, map a new value into Idempotency Key and replay the step.',
  invalid_response: 'Trending answered with something unexpected: replay the step later.',
  render_not_ready: 'The video is not finished yet: use Find Video once it is done.',
  render_not_available: 'The video was made with Preview Only and has no final render: use Render Video Later first.',
  render_expired: 'The rendered file is past its retention window: use Render Video Later to make a new file.',
};

const BY_STATUS: Record<number, string> = {
  400: 'Trending refused the request as malformed: check the fields of this step.',
  401: 'Reconnect your Trending account in Zapier with a valid API key.',
  403: 'Your Trending plan or account does not allow this: the Check Readiness search shows what is missing.',
  404: 'Not found: check the Template and Video ID (a video belongs to the template it was created with).',
  409: 'It changed or is busy: run the step again.',
  413: "The request is over Trending's size limit: send less.",
  422: 'Correct the fields above, then run the step again.',
  429: "Trending's rate limit was reached: Zapier runs the step again later.",
};

export function zapierHint(error: TrendingError): string {
  const byCode = BY_CODE[error.code];
  // A hint core did not take from its own table (the API's hint for a failed run) is the API's word: kept, unless
  // this table has the Zapier words for the code.
  if (!byCode && !fromCoreTable(error)) return wordsFor(error.hint);
  if (typeof byCode === 'function') return byCode(classifyError(error));
  if (byCode) return byCode;
  if (error.status !== undefined && BY_STATUS[error.status]) return BY_STATUS[error.status]!;
  if (error.status !== undefined && error.status >= 500) {
    return 'Trending had a server error: replay the step later; if it persists, contact Trending support with the request ID.';
  }
  return 'If it persists, contact Trending support with the request ID.';
}

/** Core's message without the endpoint it names (a wait that ran out already says where the video got to). */
export function messageFor(error: TrendingError): string {
  return withoutEndpoints(error.message);
}

/** Whether the hint is the one core derives from code and status alone (not one given with the error). */
function fromCoreTable(error: TrendingError): boolean {
  const derived = new TrendingError({
    code: error.code,
    message: '',
    status: error.status,
    details: error.details,
  }).hint;
  return derived === error.hint;
}

/** Core's "new Idempotency-Key" advice for a failed run, and the header's name anywhere, in the field's words. */
function wordsFor(hint: string): string {
  return hint
    .replace(
      /To try again, start a new run with a new Idempotency-Key \(the old key returns this failed run\)\./,
      NEW_VIDEO,
    )
    .replace(/Idempotency-Key/g, 'Idempotency Key');
}
