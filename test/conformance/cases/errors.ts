/**
 * Every documented error code, each in the situation the reference names for it, plus the helper endpoints with a
 * documented body (cost estimate, readiness, folder coverage, List script writes, URL imports). Account states are made
 * through the simulator's seeded accounts and /_sim control API (runners/situations.ts).
 */
import { accepted, invalid, refused, type CreateCase, type EndpointCase } from '../case';

const PROMPT = 'A short scary story about a hotel keycard.';
const LINES = [
  { type: 'item', text: 'Octopuses have three hearts.' },
  { type: 'item', text: 'Sea otters hold hands while they sleep.' },
];
/** Any other timestamp than the script's current one is stale. */
const OLD_UPDATED_AT = '2020-01-01T00:00:00.000Z';
const SCRIPT_PATH = '/api/v1/list/videos/{video_id}/script';

function endpoint(id: string, reference: string, rest: Omit<EndpointCase, 'kind' | 'id' | 'reference'>): EndpointCase {
  return { kind: 'endpoint', id: `errors.${id}`, reference, ...rest };
}

function create(id: string, reference: string, rest: Omit<CreateCase, 'kind' | 'id' | 'reference'>): CreateCase {
  return { kind: 'create', id: `errors.${id}`, reference, ...rest };
}

export const errorCreateCases: CreateCase[] = [
  create('missing-api-key', '401 missing_api_key — send Authorization: Bearer', {
    template: 'story',
    body: { prompt: PROMPT },
    auth: 'none',
    expect: refused(401, 'missing_api_key'),
    decidedBy: 'account',
  }),
  create('api-key-in-body-on-create', 'Normal API routes read API keys from headers only.', {
    template: 'story',
    body: { prompt: PROMPT, api_key: '{api_key}' },
    auth: 'none',
    expect: refused(401, 'missing_api_key'),
    decidedBy: 'account',
  }),
  create('invalid-api-key', 'invalid_api_key — key is wrong/revoked; rotate at /dashboard/developer/api-keys.', {
    template: 'story',
    body: { prompt: PROMPT },
    auth: 'unknownKey',
    expect: refused(401, 'invalid_api_key'),
    decidedBy: 'account',
  }),
  create('idempotency-required', '422 idempotency_required — send Idempotency-Key', {
    template: 'story',
    body: { prompt: PROMPT },
    idempotencyKey: null,
    expect: refused(422, 'idempotency_required'),
  }),
  create('idempotency-long-key', 'You must send an Idempotency-Key for create requests.', {
    template: 'story',
    body: { prompt: PROMPT },
    // The reference sets no maximum length for the key.
    idempotencyKey: `k${'0123456789'.repeat(30)}`.slice(0, 300),
    expect: accepted,
  }),
  create('validation-failed', 'validation_failed — check error.details for field-level messages.', {
    template: 'story',
    body: { prompt: PROMPT, script: { images_requested: 'twelve' } },
    expect: invalid('script.images_requested'),
  }),
  create('insufficient-credits', '402 insufficient_credits — add credits or reduce options', {
    template: 'story',
    body: { prompt: PROMPT },
    auth: 'poor',
    expect: refused(402, 'insufficient_credits'),
    decidedBy: 'account',
  }),
  create(
    'membership-api-required',
    'If your plan does not include API access, requests return 403 membership_api_required.',
    {
      template: 'rants',
      body: { prompt: 'A rant about group projects.' },
      auth: 'starter',
      expect: refused(403, 'membership_api_required'),
      decidedBy: 'account',
    },
  ),
  create(
    'membership-template-required',
    'If your plan does not include the selected video type, create requests return 403 membership_template_required with allowed_templates and an upgrade_url.',
    {
      template: 'rants',
      body: { prompt: 'A rant about group projects.' },
      auth: 'storyOnly',
      expect: refused(403, 'membership_template_required'),
      decidedBy: 'account',
    },
  ),
  create(
    'invalid-background-folder',
    'Folder ID must belong to your account, or create returns 422 invalid_background_folder_id.',
    {
      template: 'dmstory',
      // Folder 401 exists, on the story-only account: not the caller's.
      body: { prompt: 'A boss texts the wrong group chat', background: { folder_id: 401 } },
      expect: refused(422, 'invalid_background_folder_id'),
      decidedBy: 'account',
    },
  ),
  create('own-background-folder', 'you can send background.folder_id to prefer a Library folder.', {
    template: 'rants',
    body: { prompt: 'A rant about group projects.', background: { folder_id: 301 } },
    expect: accepted,
  }),
];

export const errorEndpointCases: EndpointCase[] = [
  endpoint('rate-limited', '429 rate_limited — slow down; retry later', {
    method: 'GET',
    path: '/api/v1/voice-actors',
    setup: 'rateLimitedKey',
    expect: refused(429, 'rate_limited'),
    decidedBy: 'account',
  }),
  endpoint('render-idempotency-required', 'render later from a preview/draft (Idempotency-Key required)', {
    method: 'POST',
    path: '/api/v1/story/videos/{video_id}/render',
    setup: 'completedPreview',
    idempotencyKey: null,
    expect: refused(422, 'idempotency_required'),
  }),
  endpoint('render-later', 'render later from a preview/draft (Idempotency-Key required)', {
    method: 'POST',
    path: '/api/v1/story/videos/{video_id}/render',
    setup: 'completedPreview',
    expect: accepted,
    decidedBy: 'account',
  }),
  endpoint(
    'coverage-foreign-folder',
    'Coverage preflight returns 422 invalid_background_folder_id when folder_id is not owned by the caller.',
    {
      method: 'POST',
      path: '/api/v1/library/folders/coverage',
      body: { template: 'dmstory', folder_id: 401 },
      expect: refused(422, 'invalid_background_folder_id'),
      decidedBy: 'account',
    },
  ),
  endpoint('coverage-ranking-preset', 'For ranking, invalid preset keys return 422 invalid_ranking_category_preset.', {
    method: 'POST',
    path: '/api/v1/library/folders/coverage',
    body: { template: 'ranking', folder_id: 302, ranking_category_preset: 'explosions' },
    expect: refused(422, 'invalid_ranking_category_preset', 'ranking_category_preset'),
  }),
  endpoint(
    'coverage-own-folder',
    'POST /api/v1/library/folders/coverage — accepts template + optional folder_id, required_count, required_total_duration_seconds, and ranking_category_preset.',
    {
      method: 'POST',
      path: '/api/v1/library/folders/coverage',
      body: { template: 'ranking', folder_id: 302, required_count: 5, ranking_category_preset: 'chase' },
      expect: accepted,
    },
  ),
  endpoint(
    'import-foreign-folder',
    'Library video upload/import returns 422 invalid_library_folder_id when folder_id is not owned by the caller',
    {
      method: 'POST',
      path: '/api/v1/library/video-urls',
      body: { url: 'https://cdn.example.com/clips/parkour.mp4', folder_id: 401 },
      expect: refused(422, 'invalid_library_folder_id'),
      decidedBy: 'account',
    },
  ),
  ...['mp4', 'mov', 'webm', 'm4v'].map((extension) =>
    endpoint(`import-${extension}`, 'import one direct HTTPS MP4/MOV/WebM/M4V file URL', {
      method: 'POST',
      path: '/api/v1/library/video-urls',
      body: { url: `https://cdn.example.com/clips/parkour.${extension}`, folder_id: 301, upload_profile: 'background' },
      expect: accepted,
    }),
  ),
  endpoint('reference-image-url', 'or send a direct HTTPS source_url, and receive a new asset_id.', {
    method: 'POST',
    path: '/api/v1/story/reference-images',
    body: { source_url: 'https://cdn.example.com/brand/logo.png' },
    expect: accepted,
  }),
  endpoint('cost-estimate.example', 'Use this endpoint to estimate credits before calling create:', {
    method: 'POST',
    path: '/api/v1/cost-estimate',
    body: { template: 'story', request: { preview_only: false, script: { images_requested: 12 } } },
    expect: accepted,
  }),
  endpoint(
    'readiness.example',
    'Use this endpoint when you want a quick answer to “can this account create this request right now?” before you spend time on create retries or support debugging.',
    {
      method: 'POST',
      path: '/api/v1/account/readiness',
      body: {
        template: 'rants',
        request: { preview_only: true, prompt: 'A rant about fake friends who only text when they are bored.' },
      },
      expect: accepted,
    },
  ),
  endpoint(
    'readiness.without-api-access',
    'Use this when you need a stable blocker answer like membership_api_required, membership_mcp_required, membership_template_required, or a credit shortfall before you call create.',
    {
      method: 'POST',
      path: '/api/v1/account/readiness',
      auth: 'starter',
      body: {
        template: 'rants',
        request: { preview_only: true, prompt: 'A rant about fake friends who only text when they are bored.' },
      },
      expect: accepted,
      decidedBy: 'account',
    },
  ),

  // List Step-2 script writes.
  endpoint('list-script.put', 'save full ordered script edits', {
    method: 'PUT',
    path: SCRIPT_PATH,
    setup: 'listScriptReady',
    body: { reset_audio: true, script: { intro: 'Ocean facts you did not know', lines: LINES } },
    expect: accepted,
    decidedBy: 'account',
  }),
  endpoint(
    'list-script.patch-full',
    'PUT /api/v1/list/videos/{video_id}/script or PATCH /api/v1/list/videos/{video_id}/script — save full ordered script edits',
    {
      method: 'PATCH',
      path: SCRIPT_PATH,
      setup: 'listScriptReady',
      body: { reset_audio: true, script: { intro: 'Ocean facts you did not know', lines: LINES } },
      expect: accepted,
      decidedBy: 'account',
    },
  ),
  endpoint(
    'list-script.patch-partial',
    'PUT /api/v1/list/videos/{video_id}/script or PATCH /api/v1/list/videos/{video_id}/script — save full ordered script edits',
    {
      method: 'PATCH',
      path: SCRIPT_PATH,
      setup: 'listScriptReady',
      // PATCH saves the full ordered script like PUT. The reference does not say a body without the lines is
      // refused, so it is accepted (and saved whole: the faces therefore always send the whole script).
      body: { reset_audio: true, script: { intro: 'Only the intro' } },
      expect: accepted,
      decidedBy: 'account',
    },
  ),
  endpoint('list-script.stale-expected-updated-at', 'Stale writes return 409 script_version_conflict.', {
    method: 'PUT',
    path: SCRIPT_PATH,
    setup: 'listScriptReady',
    body: { expected_updated_at: OLD_UPDATED_AT, reset_audio: true, script: { lines: LINES } },
    expect: refused(409, 'script_version_conflict'),
    decidedBy: 'account',
  }),
  endpoint(
    'list-script.stale-if-match',
    'Optimistic lock support: send expected_updated_at in write payloads (or send If-Match with prior ETag).',
    {
      method: 'PUT',
      path: SCRIPT_PATH,
      setup: 'listScriptReady',
      headers: { 'If-Match': '"stale-etag"' },
      body: { reset_audio: true, script: { lines: LINES } },
      expect: refused(409, 'script_version_conflict'),
      decidedBy: 'account',
    },
  ),
  endpoint(
    'list-script.audio-locked',
    'When narration is attached, updates require reset_audio=true; otherwise API returns 409 audio_locked.',
    {
      method: 'PUT',
      path: SCRIPT_PATH,
      setup: 'listNarrationAttached',
      body: { script: { lines: LINES } },
      expect: refused(409, 'audio_locked'),
      decidedBy: 'account',
    },
  ),
  endpoint(
    'list-script.reset-audio',
    'When narration is attached, updates require reset_audio=true; otherwise API returns 409 audio_locked.',
    {
      method: 'PUT',
      path: SCRIPT_PATH,
      setup: 'listNarrationAttached',
      body: { reset_audio: true, script: { lines: LINES } },
      expect: accepted,
      decidedBy: 'account',
    },
  ),
  endpoint(
    'list-script.run-active',
    'While a pipeline run is queued or running, updates return 409 pipeline_run_active.',
    {
      method: 'PUT',
      path: SCRIPT_PATH,
      setup: 'listRunActive',
      body: { reset_audio: true, script: { lines: LINES } },
      expect: refused(409, 'pipeline_run_active'),
      decidedBy: 'account',
    },
  ),
];
