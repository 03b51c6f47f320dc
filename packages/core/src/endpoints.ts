/**
 * Every endpoint of the Trending Video Creation API, as data. Faces and the client look endpoints up here instead of
 * spelling paths, methods or auth rules themselves.
 */
import { validationError } from './errors';
import type { HttpMethod } from './transport';

export type EndpointAuth = 'apiKey' | 'signedTrigger' | 'apiKeyOrBody';

export interface EndpointSpec {
  id: EndpointId;
  method: HttpMethod;
  /** Path with `{placeholder}` segments, filled by `endpointPath`. */
  path: string;
  auth: EndpointAuth;
  /** `required`: the API rejects the request without an Idempotency-Key (422 idempotency_required). */
  idempotency: 'required' | 'none';
  /**
   * Sending it twice has the effect of sending it once (reads, PUTs, deletes, quotes, keyed creates), so a request
   * whose outcome is unknown (network error, 502/504) may be repeated. Uploads, image generation and slide animation
   * carry no documented Idempotency-Key and may spend credits or storage twice, so they are not repeated.
   */
  repeatable: boolean;
  summary: string;
}

const TEMPLATE_VIDEO = '/api/v1/{template}/videos/{video_id}';
const STORY_VIDEO = '/api/v1/story/videos/{video_id}';
const LIST_SCRIPT = '/api/v1/list/videos/{video_id}/script';

function spec(
  method: HttpMethod,
  path: string,
  summary: string,
  extra: { auth?: EndpointAuth; idempotency?: 'required'; repeatable?: boolean } = {},
): Omit<EndpointSpec, 'id'> {
  const idempotency = extra.idempotency ?? 'none';
  // GET/PUT/DELETE are idempotent by HTTP semantics, and the List script PATCH carries the full ordered script.
  const repeatable = extra.repeatable ?? (method !== 'POST' || idempotency === 'required');
  return { method, path, auth: extra.auth ?? 'apiKey', idempotency, repeatable, summary };
}

const CATALOGUE = {
  'video.create': spec('POST', '/api/v1/{template}/videos', 'Create a video and start its pipeline', {
    idempotency: 'required',
  }),
  'video.get': spec('GET', TEMPLATE_VIDEO, 'Poll a video pipeline status'),
  'video.render': spec('POST', `${TEMPLATE_VIDEO}/render`, 'Render a preview/draft video', { idempotency: 'required' }),
  // Aborting twice leaves the run aborted either way.
  'video.abort': spec('POST', `${TEMPLATE_VIDEO}/abort`, 'Cancel an active run', { repeatable: true }),
  'trigger.videos': spec('POST', '/api/v1/triggers/videos', 'Start any video type with an API key trigger', {
    auth: 'apiKeyOrBody',
    idempotency: 'required',
  }),
  'trigger.webhook': spec('POST', '/api/v1/triggers/webhook', 'Start any video type with a signed trigger', {
    auth: 'signedTrigger',
    idempotency: 'required',
  }),
  'costEstimate.create': spec('POST', '/api/v1/cost-estimate', 'Estimate the credits of a create request', {
    repeatable: true,
  }),
  'account.readiness': spec('POST', '/api/v1/account/readiness', 'Check plan, template and credit readiness', {
    repeatable: true,
  }),
  'voiceActors.list': spec('GET', '/api/v1/voice-actors', 'List selectable narrated voices'),
  'voiceActors.favorite': spec(
    'POST',
    '/api/v1/voice-actors/{voice_actor_id}/favorite',
    'Favorite or unfavorite a voice',
    {
      repeatable: true,
    },
  ),
  'library.folders.list': spec('GET', '/api/v1/library/folders', 'List Library folders with candidate summaries'),
  'library.folders.coverage': spec('POST', '/api/v1/library/folders/coverage', 'Preflight a folder for a template', {
    repeatable: true,
  }),
  'library.videos.upload': spec('POST', '/api/v1/library/videos', 'Upload one video clip (multipart)'),
  'library.videoUrls.import': spec(
    'POST',
    '/api/v1/library/video-urls',
    'Import one video clip from a direct HTTPS URL',
  ),
  'library.uploads.get': spec('GET', '/api/v1/library/uploads/{asset_id}', 'Poll a Library upload/import asset'),
  'story.characterSources.list': spec('GET', '/api/v1/story/character-sources', 'List reusable Story character sheets'),
  'story.referenceImages.list': spec('GET', '/api/v1/story/reference-images', 'List saved Story reference images'),
  'story.referenceImages.upload': spec('POST', '/api/v1/story/reference-images', 'Upload a Story reference image'),
  'story.outroSources.list': spec('GET', '/api/v1/story/outro-sources', 'List reusable Story outro sources'),
  'story.outro.get': spec('GET', `${STORY_VIDEO}/outro`, 'Read a Story outro configuration'),
  'story.outro.update': spec('PUT', `${STORY_VIDEO}/outro`, 'Update a Story outro configuration'),
  'story.outro.image': spec('POST', `${STORY_VIDEO}/outro/image`, 'Generate the Story outro image'),
  'story.slideAnimations.list': spec('GET', `${STORY_VIDEO}/slide-animations`, 'List Story slide animation options'),
  'story.slideAnimations.create': spec('POST', `${STORY_VIDEO}/slide-animations`, 'Animate one Story slide'),
  'story.slideAnimations.delete': spec(
    'DELETE',
    `${STORY_VIDEO}/slide-animations/{slide_index}`,
    'Delete one slide animation',
  ),
  'list.script.get': spec('GET', LIST_SCRIPT, 'Read an editable List script'),
  'list.script.put': spec('PUT', LIST_SCRIPT, 'Replace a List script'),
  'list.script.patch': spec('PATCH', LIST_SCRIPT, 'Save List script edits'),
  'list.script.ctas': spec('POST', `${LIST_SCRIPT}/ctas`, 'Suggest or apply List script CTAs'),
} as const;

export type EndpointId = keyof typeof CATALOGUE;

export const ENDPOINTS: Readonly<Record<EndpointId, EndpointSpec>> = Object.freeze(
  Object.fromEntries(Object.entries(CATALOGUE).map(([id, rest]) => [id, Object.freeze({ id, ...rest })])) as Record<
    EndpointId,
    EndpointSpec
  >,
);

export type PathParams = Readonly<Record<string, string | number | undefined | null>>;

/** Fills `{placeholders}` with URL-encoded values; a missing or empty value is a validation error, never `undefined`. */
export function endpointPath(id: EndpointId, params: PathParams = {}): string {
  const endpoint = ENDPOINTS[id];
  if (!endpoint) throw new TypeError(`Unknown endpoint: ${String(id)}`);
  const missing: string[] = [];
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || String(value).trim() === '') {
      missing.push(name);
      return '';
    }
    return encodeURIComponent(String(value));
  });
  if (missing.length > 0) {
    throw validationError(
      missing.map((name) => ({
        path: name,
        rule: 'required',
        message: `${name} is required for ${endpoint.method} ${endpoint.path}`,
      })),
    );
  }
  return path;
}
