/**
 * The typed API client every face codes against. Each method validates locally (nothing is sent for an invalid
 * request), then goes through HttpClient for auth, idempotency, retries and secret scrubbing.
 */
import { isTemplateId } from '../catalogue';
import { LIST_SCRIPT_FIELDS, LIST_SCRIPT_LINE_FIELDS } from '../catalogue/helpers';
import type { TemplateId } from '../catalogue/types';
import { buildCostEstimateRequest, buildReadinessRequest, type ReadinessResponse } from '../preflight';
import { buildSignedTriggerRequest } from '../signing';
import { validationError } from '../errors';
import type { Transport } from '../transport';
import {
  checkCreateRequest,
  checkTriggerRequest,
  isDevHost,
  validateCoverageRequest,
  validateFavoriteRequest,
  validateListScriptCtaRequest,
  validateListScriptUpdate,
  validateOutroUpdate,
  validateSlideAnimationRequest,
  type CoverageInput,
  type CreateCheck,
  type FavoriteInput,
  type ListScriptCtaInput,
  type Violation,
} from '../validation';
import { waitForCompletion, type WaitOptions } from '../wait';
import { HttpClient, type Call } from './http';
import { listItems, listScriptResult } from './lists';
import { renderUrlFromStatus } from './render-url';
import type {
  CallOptions,
  CharacterSource,
  CostEstimate,
  CreateVideoBody,
  CreateVideoResponse,
  FolderCoverage,
  IdempotentCallOptions,
  JsonObject,
  LibraryFolder,
  LibraryUploadStatus,
  LibraryVideoUpload,
  LibraryVideoUrlImport,
  ListParams,
  ListResult,
  ListScriptEditOptions,
  ListScriptResult,
  ListScriptUpdateOptions,
  OutroSource,
  OutroUpdate,
  ReferenceImage,
  ReferenceImageUpload,
  ReferenceImageUploadResult,
  SlideAnimationRequest,
  TrendingClientOptions,
  TriggerVideoBody,
  VideoActionResponse,
  VideoStatus,
  VoiceActor,
} from './types';
import { libraryVideoUploadCall, libraryVideoUrlCall, referenceImageUploadCall } from './uploads';

export const DEFAULT_BASE_URL = 'https://trending.com';

/**
 * The API origin a host configured: blank means production (credential forms send '' for an untouched field), a
 * query, fragment or trailing slash is dropped, and anything but an absolute http(s) URL is refused before a request
 * is built from it. The refused value is not echoed: a key pasted into the wrong field must not reach an error.
 */
export function normalizeBaseUrl(baseUrl: string | undefined | null): string {
  const trimmed = (baseUrl ?? '').trim();
  if (trimmed === '') return DEFAULT_BASE_URL;
  const url = /^https?:\/\/[^/\s]+/i.test(trimmed) ? safeUrl(trimmed) : undefined;
  if (!url) {
    throw validationError([
      {
        path: 'baseUrl',
        rule: 'format',
        message: 'base URL must start with https:// and be an absolute URL (for example https://trending.com)',
      },
    ]);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

export interface SendSignedTriggerInput {
  triggerId: string;
  secret: string;
  body: TriggerVideoBody;
  idempotencyKey: string;
}

type VideoId = number | string;

/** The HTTP client a TrendingClient's options describe, with the client's defaults (also ApiRequester's). */
export function httpClientFor(options: TrendingClientOptions): HttpClient {
  return new HttpClient({
    baseUrl: normalizeBaseUrl(options.baseUrl),
    apiKey: options.apiKey,
    transport: options.transport,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: options.retry ?? {},
    userAgent: options.userAgent ?? 'trending-core/0.1',
  });
}

export class TrendingClient {
  readonly baseUrl: string;
  readonly transport: Transport;
  // #private: logging or serialising the client never shows the API key it holds.
  readonly #http: HttpClient;

  constructor(options: TrendingClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.transport = options.transport;
    this.#http = httpClientFor(options);
  }

  /**
   * What the API would refuse in a create body, and the warnings a face shows for what it accepts but is probably a
   * mistake. Loopback webhook URLs pass only when this client talks to a loopback dev API (the simulator).
   */
  checkCreate(template: TemplateId, body: CreateVideoBody): CreateCheck {
    const refused = templateViolations(template);
    if (refused) return { violations: refused, warnings: [] };
    return checkCreateRequest(template, body, { devHost: isDevHost(this.baseUrl) });
  }

  /** The same for a trigger body (`video_type` + a create body). */
  checkTrigger(body: TriggerVideoBody): CreateCheck {
    return checkTriggerRequest(body, { devHost: isDevHost(this.baseUrl) });
  }

  // ---- Videos

  createVideo(
    template: TemplateId,
    body: CreateVideoBody,
    options: IdempotentCallOptions,
  ): Promise<CreateVideoResponse> {
    const { violations } = this.checkCreate(template, body);
    const { idempotencyKey } = options;
    const call: Call = { endpoint: 'video.create', params: { template }, json: body, idempotencyKey, violations };
    return this.#http.json({ ...call, secrets: bodySecrets(body) }, options);
  }

  getVideo(template: TemplateId, videoId: VideoId, options?: CallOptions): Promise<VideoStatus> {
    return this.#video('video.get', template, videoId, undefined, options);
  }

  renderVideo(template: TemplateId, videoId: VideoId, options: IdempotentCallOptions): Promise<VideoActionResponse> {
    return this.#video('video.render', template, videoId, options.idempotencyKey, options);
  }

  abortVideo(template: TemplateId, videoId: VideoId, options?: CallOptions): Promise<VideoActionResponse> {
    return this.#video('video.abort', template, videoId, undefined, options);
  }

  /** Polls under a deadline and the cancel signal; see wait.ts. */
  waitForCompletion(template: TemplateId, videoId: VideoId, options: WaitOptions): Promise<VideoStatus> {
    return waitForCompletion(this, template, videoId, options);
  }

  /** The render URL from a fresh status (it is short-lived): download it right away, without the API key. */
  async freshRenderUrl(template: TemplateId, videoId: VideoId, options?: CallOptions): Promise<string> {
    const status = await this.getVideo(template, videoId, options);
    return renderUrlFromStatus(status, template, videoId, this.transport.now());
  }

  // ---- Triggers

  /** POST /api/v1/triggers/videos; `apiKeyInBody` sends the key as `api_key` in the body instead of a header. */
  triggerVideo(
    body: TriggerVideoBody,
    options: IdempotentCallOptions & { apiKeyInBody?: boolean },
  ): Promise<CreateVideoResponse> {
    const { idempotencyKey, apiKeyInBody } = options;
    const { violations } = this.checkTrigger(body);
    // The body repeats the key for parity with senders that cannot set headers; the explicit option wins.
    const json: JsonObject = { ...body, idempotency_key: idempotencyKey };
    if (apiKeyInBody && violations.length === 0) json.api_key = this.#http.requireApiKey();
    const call: Call = { endpoint: 'trigger.videos', json, idempotencyKey, violations, apiKeyInBody };
    return this.#http.json({ ...call, secrets: bodySecrets(body) }, options);
  }

  /**
   * POST /api/v1/triggers/webhook, no API key. Every attempt is signed afresh (new timestamp and nonce: the API
   * rejects a reused nonce as nonce_reused) with the same Idempotency-Key, so a retry never creates a second video.
   */
  sendSignedTrigger(input: SendSignedTriggerInput, options?: CallOptions): Promise<CreateVideoResponse> {
    const { triggerId, secret, body, idempotencyKey } = input;
    const violations: Violation[] = this.checkTrigger(body).violations;
    if (!triggerId) violations.push({ path: 'triggerId', rule: 'required', message: 'triggerId is required' });
    if (!secret) violations.push({ path: 'secret', rule: 'required', message: 'the trigger secret is required' });
    const { baseUrl } = this;
    const sign = (nowMs: number) =>
      buildSignedTriggerRequest({ baseUrl, triggerId, secret, body, idempotencyKey, nowMs });
    const call: Call = { endpoint: 'trigger.webhook', idempotencyKey, violations, sign };
    return this.#http.json({ ...call, secrets: [secret, ...bodySecrets(body)] }, options);
  }

  // ---- Preflight

  estimateCost(template: TemplateId, body: CreateVideoBody, options?: CallOptions): Promise<CostEstimate> {
    return this.#preflight('costEstimate.create', template, body, buildCostEstimateRequest, options);
  }

  checkReadiness(
    template: TemplateId,
    body: CreateVideoBody,
    options?: CallOptions,
  ): Promise<ReadinessResponse & { request_id?: string }> {
    return this.#preflight('account.readiness', template, body, buildReadinessRequest, options);
  }

  // ---- Voice actors and Library

  listVoiceActors(params?: ListParams): Promise<ListResult<VoiceActor>> {
    return this.#list('voiceActors.list', ['voice_actors'], params);
  }

  favoriteVoiceActor(voiceActorId: VideoId, request: FavoriteInput, options?: CallOptions): Promise<JsonObject> {
    const violations = validateFavoriteRequest(request);
    const params = { voice_actor_id: voiceActorId };
    return this.#http.json({ endpoint: 'voiceActors.favorite', params, json: request, violations }, options);
  }

  listLibraryFolders(params?: ListParams): Promise<ListResult<LibraryFolder>> {
    return this.#list('library.folders.list', ['folders'], params);
  }

  checkFolderCoverage(request: CoverageInput, options?: CallOptions): Promise<FolderCoverage> {
    const violations = validateCoverageRequest(request);
    return this.#http.json({ endpoint: 'library.folders.coverage', json: request, violations }, options);
  }

  /** Multipart, up to 200 MB: give a large file a longer `options.timeoutMs` (default 30 s per attempt). */
  uploadLibraryVideo(upload: LibraryVideoUpload, options?: CallOptions): Promise<LibraryUploadStatus> {
    return this.#http.json(libraryVideoUploadCall(upload), options);
  }

  importLibraryVideoUrl(input: LibraryVideoUrlImport, options?: CallOptions): Promise<LibraryUploadStatus> {
    return this.#http.json(libraryVideoUrlCall(input), options);
  }

  /** Poll every `poll_after_seconds` until asset.status is `available` or `failed`. */
  getLibraryUpload(assetId: VideoId, options?: CallOptions): Promise<LibraryUploadStatus> {
    return this.#http.json({ endpoint: 'library.uploads.get', params: { asset_id: assetId } }, options);
  }

  // ---- Story helpers

  listCharacterSources(params?: ListParams): Promise<ListResult<CharacterSource>> {
    return this.#list('story.characterSources.list', ['character_sources', 'sources'], params);
  }

  listReferenceImages(params?: ListParams): Promise<ListResult<ReferenceImage>> {
    return this.#list('story.referenceImages.list', ['reference_images', 'images'], params);
  }

  /** A jpg/png/webp file (max 3 MB) as multipart, or a direct HTTPS `sourceUrl`. */
  uploadReferenceImage(upload: ReferenceImageUpload, options?: CallOptions): Promise<ReferenceImageUploadResult> {
    return this.#http.json(referenceImageUploadCall(upload), options);
  }

  listOutroSources(params?: ListParams): Promise<ListResult<OutroSource>> {
    return this.#list('story.outroSources.list', ['outro_sources', 'sources'], params);
  }

  getOutro(videoId: VideoId, options?: CallOptions): Promise<JsonObject> {
    return this.#http.json({ endpoint: 'story.outro.get', params: { video_id: videoId } }, options);
  }

  updateOutro(videoId: VideoId, body: OutroUpdate, options?: CallOptions): Promise<JsonObject> {
    const violations = validateOutroUpdate(body);
    return this.#http.json(
      { endpoint: 'story.outro.update', params: { video_id: videoId }, json: body, violations },
      options,
    );
  }

  /** Charges credits (the answer carries run_id and the charge), so a lost response is not retried. */
  generateOutroImage(videoId: VideoId, body: JsonObject = {}, options?: CallOptions): Promise<JsonObject> {
    return this.#http.json({ endpoint: 'story.outro.image', params: { video_id: videoId }, json: body }, options);
  }

  listSlideAnimations(videoId: VideoId, options?: CallOptions): Promise<JsonObject> {
    return this.#http.json({ endpoint: 'story.slideAnimations.list', params: { video_id: videoId } }, options);
  }

  /** 10 credits per derived second: show listSlideAnimations' estimate and get the user's approval first. */
  animateSlide(videoId: VideoId, body: SlideAnimationRequest, options?: CallOptions): Promise<JsonObject> {
    const violations = validateSlideAnimationRequest(body);
    const params = { video_id: videoId };
    return this.#http.json({ endpoint: 'story.slideAnimations.create', params, json: body, violations }, options);
  }

  deleteSlideAnimation(videoId: VideoId, slideIndex: number, options?: CallOptions): Promise<JsonObject> {
    const params = { video_id: videoId, slide_index: slideIndex };
    return this.#http.json({ endpoint: 'story.slideAnimations.delete', params }, options);
  }

  // ---- List script

  async getListScript(videoId: VideoId, options?: CallOptions): Promise<ListScriptResult> {
    return listScriptResult(
      await this.#http.send({ endpoint: 'list.script.get', params: { video_id: videoId } }, options),
    );
  }

  /** With `ifMatch`, a stale write fails with script_version_conflict (someone else saved since it was read). */
  async updateListScript(
    videoId: VideoId,
    body: JsonObject,
    options: ListScriptUpdateOptions = {},
  ): Promise<ListScriptResult> {
    const call: Call = {
      endpoint: options.method === 'PATCH' ? 'list.script.patch' : 'list.script.put',
      params: { video_id: videoId },
      json: body,
      headers: options.ifMatch ? { 'if-match': options.ifMatch } : undefined,
      violations: validateListScriptUpdate(body),
    };
    return listScriptResult(await this.#http.send(call, options));
  }

  /**
   * Read-modify-write of the List script, whichever verb: the reference says PUT and PATCH both "save full ordered
   * script edits", so the write always carries the whole script (the one just read, with `edits` over it) and
   * `expected_updated_at` (the caller's, else the read's), so an edit made in between fails with
   * script_version_conflict instead of being overwritten.
   */
  async editListScript(
    videoId: VideoId,
    edits: JsonObject,
    options: ListScriptEditOptions = {},
  ): Promise<ListScriptResult> {
    const { expectedUpdatedAt, ifMatch, resetAudio, method, ...callOptions } = options;
    const current = await this.getListScript(videoId, callOptions);
    const body: JsonObject = { script: { ...writableScript(current.script), ...edits } };
    const expected = expectedUpdatedAt ?? (ifMatch ? undefined : current.script.updated_at);
    if (typeof expected === 'string' && expected !== '') body.expected_updated_at = expected;
    if (resetAudio) body.reset_audio = true;
    return this.updateListScript(videoId, body, { ...callOptions, ifMatch, method });
  }

  listScriptCtas(videoId: VideoId, body: ListScriptCtaInput, options?: CallOptions): Promise<JsonObject> {
    const violations = validateListScriptCtaRequest(body);
    return this.#http.json(
      { endpoint: 'list.script.ctas', params: { video_id: videoId }, json: body, violations },
      options,
    );
  }

  // ---- Shared shapes

  #video<T>(
    endpoint: 'video.get' | 'video.render' | 'video.abort',
    template: TemplateId,
    videoId: VideoId,
    idempotencyKey: string | undefined,
    options: CallOptions | undefined,
  ): Promise<T> {
    const violations = templateViolations(template);
    return this.#http.json({ endpoint, params: { template, video_id: videoId }, idempotencyKey, violations }, options);
  }

  #preflight<T>(
    endpoint: 'costEstimate.create' | 'account.readiness',
    template: TemplateId,
    body: CreateVideoBody,
    build: typeof buildCostEstimateRequest,
    options: CallOptions | undefined,
  ): Promise<T> {
    // A quote or readiness answer for a request create would refuse is misleading: validate it the same way.
    const { violations } = this.checkCreate(template, body);
    const json = violations.length > 0 ? undefined : build(template, body);
    return this.#http.json({ endpoint, json, violations, secrets: bodySecrets(body) }, options);
  }

  async #list<T>(endpoint: Call['endpoint'], keys: readonly string[], params: ListParams = {}): Promise<ListResult<T>> {
    const { page, cursor, ...options } = params;
    return listItems<T>(await this.#http.json<unknown>({ endpoint, query: { page, cursor } }, options), keys);
  }
}

/** The keys a List script write takes (LIST_SCRIPT_FIELDS), each line reduced to its writable keys. */
function writableScript(script: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const { path } of LIST_SCRIPT_FIELDS) {
    if (script[path] !== undefined) out[path] = script[path];
  }
  if (Array.isArray(script.lines)) {
    const keys = LIST_SCRIPT_LINE_FIELDS.map((f) => f.path);
    out.lines = script.lines.map((line) =>
      typeof line === 'object' && line !== null
        ? Object.fromEntries(Object.entries(line).filter(([key]) => keys.includes(key)))
        : line,
    );
  }
  return out;
}

function templateViolations(template: unknown): Violation[] | undefined {
  if (isTemplateId(template)) return undefined;
  return [{ path: 'template', rule: 'enum', message: 'template must be one of the seven Trending templates' }];
}

/** Secrets a body may carry, so an API error that echoes the body cannot leak them. */
export function bodySecrets(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const { webhook, api_key } = body as { webhook?: { secret?: unknown }; api_key?: unknown };
  return [webhook?.secret, api_key].filter((s): s is string => typeof s === 'string' && s !== '');
}
