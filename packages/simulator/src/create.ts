/**
 * Starting a video, shared by the per-template create endpoints and both trigger endpoints: plan gate, idempotency
 * (per account and endpoint kind, checked and recorded with no await in between, so concurrent duplicates cannot race),
 * the reference's rules (src/rules), ownership checks, maintenance, the credit hold, and the first run.
 */
import { UPGRADE_URL, type Account } from './accounts';
import { ApiError, maintenanceRetryAfter, validationFailed } from './errors';
import { ok, type Ctx, type Reply } from './http';
import { backgroundSummary, selectBackground } from './library';
import { QUEUE_WAIT_MS, parseMagicWords, pipelineSteps, resolveFailure } from './pipeline';
import { getPath } from './paths';
import { estimate, isPreviewOnly, storySlides } from './pricing';
import { checkCreate } from './rules/create';
import { RUN_ACTIVE } from './rules/listscript';
import { OWNED_OUTRO_SOURCE, OWNED_REFERENCE_IMAGE, OWNED_REUSE_SOURCE } from './rules/ownership';
import type { Violation } from './rules/rule';
import type { TemplateId } from './rules/templates';
import { IDEMPOTENCY_REQUIRED } from './rules/triggers';
import {
  currentRun,
  isActive,
  stepDone,
  type OutroConfig,
  type Run,
  type Step,
  type Video,
  type WebhookConfig,
} from './video';
import { controlUrls, pollPath, webhookView } from './views';

export interface CreateInput {
  account: Account;
  template: TemplateId;
  /** The create body (trigger-only keys already removed). */
  body: Record<string, unknown>;
  idempotencyKey: string | undefined;
  source: Video['source'];
}

/**
 * Idempotency keys are scoped per account and endpoint kind only: `create` is shared by every template's create and
 * both trigger endpoints, `render` by every video's render. The reference promises no narrower scope, so a client that
 * reuses a key across templates or videos gets the original run back here, as it could in production.
 */
export type IdempotencyScope = 'create' | 'render';

export function idempotencyEntry(accountId: number, scope: IdempotencyScope, key: string): string {
  return `${accountId}|${scope}|${key}`;
}

export function requireTemplateAccess(account: Account, template: TemplateId): void {
  if (!account.allowedTemplates.includes(template)) {
    throw new ApiError(
      403,
      'membership_template_required',
      `Your current plan does not include the ${template} template.`,
      {
        template,
        allowed_templates: account.allowedTemplates,
        upgrade_url: UPGRADE_URL,
      },
    );
  }
}

/** Any non-blank key is taken: the reference documents no length or format for it. */
export function requireIdempotencyKey(key: string | undefined): string {
  if (key === undefined || key.trim() === '') {
    throw new ApiError(
      422,
      IDEMPOTENCY_REQUIRED.value,
      'Send an Idempotency-Key header so retries never create a duplicate video.',
    );
  }
  return key;
}

/** 409 pipeline_run_active while the video's latest run is queued or running (List script writes; render later too). */
export function requireNoActiveRun(video: Video, message: string): void {
  const run = currentRun(video);
  if (isActive(run)) throw new ApiError(409, RUN_ACTIVE.value, message, { status: run.status });
}

/** 503 while final renders are paused; preview-only work stays available. */
export function requireRenderAvailable(ctx: Ctx): void {
  if (ctx.sim.config.maintenance !== 'off') {
    throw new ApiError(
      503,
      'service_unavailable',
      'Final renders are paused for maintenance; preview-only runs still work.',
      {
        scope: 'final_render_only',
        preview_only_available: true,
      },
      maintenanceRetryAfter(ctx.sim.config.speed),
    );
  }
}

export function createVideo(ctx: Ctx, input: CreateInput): Reply {
  const { sim } = ctx;
  const { account, template, body, source } = input;
  requireTemplateAccess(account, template);
  const key = requireIdempotencyKey(input.idempotencyKey);
  const idemKey = idempotencyEntry(account.id, 'create', key);
  const existing = sim.idempotency.get(idemKey);
  if (typeof existing === 'number') {
    const video = sim.videos.get(existing);
    if (video) return ok(video.createResponse, 202, { 'idempotent-replayed': 'true' });
  }

  const violations = checkCreate(template, body, sim.config);
  if (violations.length > 0) throw validationFailed(violations);
  checkOwnership(ctx, account, template, body);
  const now = sim.apiNow();
  const background =
    template === 'story'
      ? null
      : selectBackground(sim.folders, sim.libraryAssets.values(), account.id, template, body, now);
  if (!isPreviewOnly(body)) requireRenderAvailable(ctx);

  const steps = pipelineSteps(template, body);
  const quote = estimate(template, body);
  const videoId = sim.nextId('video');
  const hold = sim.ledger.hold(account, quote.total_credits, videoId, `${template}.v001.create`, now);
  const video: Video = {
    id: videoId,
    template,
    accountId: account.id,
    name: typeof body.name === 'string' ? body.name : null,
    request: body,
    previewOnly: quote.preview_only,
    createdAt: now,
    idempotencyKey: key,
    source,
    webhook: webhookConfig(body),
    runs: [],
    failure: null,
    sideFailures: new Set(),
    render: null,
    background,
    story: template === 'story' ? storyState(ctx, account, body) : null,
    list: null,
    createResponse: {},
  };
  planFailure(ctx, video, steps);
  const run = newRun(ctx, 'pipeline', steps, now, hold);
  // The documented create answer; the rest only with the answerExtras option.
  video.createResponse = {
    video_id: video.id,
    pipeline_run_id: run.id,
    status: 'queued',
    poll_url: pollPath(video),
    webhook: webhookView(video, sim.config.answerExtras),
    ...(sim.config.answerExtras
      ? {
          template,
          template_version: 'v001',
          preview_only: video.previewOnly,
          control_urls: controlUrls(ctx.base, video),
          estimate: { total_credits: quote.total_credits, held_credits: quote.total_credits },
        }
      : {}),
    ...(background
      ? { background_selection_summary: backgroundSummary(background), warnings: background.warnings }
      : {}),
  };
  sim.videos.set(video.id, video);
  sim.idempotency.set(idemKey, video.id);
  sim.startRun(video, run);
  sim.tick();
  return ok(video.createResponse, 202);
}

export function newRun(ctx: Ctx, kind: Run['kind'], steps: Step[], now: number, hold: Run['hold']): Run {
  return {
    id: ctx.sim.newRunId(),
    kind,
    status: 'queued',
    steps,
    stepIndex: 0,
    queuedAt: now,
    queueWaitMs: QUEUE_WAIT_MS,
    processingStartedAt: null,
    stepStartedAt: null,
    finishedAt: null,
    stepMeasuredMs: steps.map(() => null),
    unitsDone: 0,
    hold,
    error: null,
    renderJobId: steps.some((s) => s.name === 'render') ? ctx.sim.nextId('renderJob') : null,
  };
}

/** Magic words win, then a folder whose underfill strategy is `error`, then the admin's one-shot failNext. */
function planFailure(ctx: Ctx, video: Video, steps: Step[]): void {
  const magic = parseMagicWords(video.request.prompt);
  video.sideFailures = magic.side;
  if (magic.failure) {
    video.failure = resolveFailure(magic.failure, steps);
    return;
  }
  const bg = video.background;
  if (bg && bg.underfillStrategy === 'error' && bg.folderClips < bg.requiredClips) {
    video.failure = { code: 'background_folder_underfilled', step: 'background' };
    return;
  }
  const next = ctx.sim.config.failNext;
  if (next && (!next.template || next.template === video.template)) {
    video.failure = resolveFailure(next, steps);
    ctx.sim.config = { ...ctx.sim.config, failNext: null };
  }
}

/**
 * webhook.secret and webhook.events carry no stated type: a secret is used when it is a non-empty string, an allowlist
 * is its string entries, and anything else (or an empty list) means the default terminal events.
 */
function webhookConfig(body: Record<string, unknown>): WebhookConfig | null {
  const url = getPath(body, 'webhook.url');
  if (typeof url !== 'string' || url === '') return null;
  const secret = getPath(body, 'webhook.secret');
  const events = getPath(body, 'webhook.events');
  const patterns = Array.isArray(events) ? events.filter((e): e is string => typeof e === 'string') : [];
  return {
    url,
    secret: typeof secret === 'string' && secret !== '' ? secret : null,
    events: patterns.length > 0 ? patterns : null,
  };
}

/**
 * References to things the account must own (src/rules/ownership.ts). An unknown voice.voice_actor_id is not among
 * them: the reference states no refusal for it, so it passes.
 */
function checkOwnership(ctx: Ctx, account: Account, template: TemplateId, body: Record<string, unknown>): void {
  const { sim } = ctx;
  const problems: Violation[] = [];
  const owned = (id: unknown) => {
    const v = typeof id === 'number' ? sim.videos.get(id) : undefined;
    return v && v.accountId === account.id && v.template === 'story' ? v : undefined;
  };
  const reuse = getPath(body, 'script.reuse_characters_from_video_id');
  if (template === 'story' && reuse !== undefined && reuse !== null) {
    const source = owned(reuse);
    if (!source || !source.runs[0] || !stepDone(source.runs[0], 'character_sheet')) {
      problems.push({ path: OWNED_REUSE_SOURCE.path, message: OWNED_REUSE_SOURCE.message });
    }
  }
  const refs = getPath(body, 'script.reference_images');
  if (template === 'story' && Array.isArray(refs)) {
    refs.forEach((ref: Record<string, unknown>, i) => {
      const assetId = ref.asset_id;
      if (assetId != null && !sim.referenceImages.some((r) => r.id === assetId && r.accountId === account.id)) {
        const path = `script.reference_images[${i}].asset_id`;
        problems.push({ path, message: `${path} ${OWNED_REFERENCE_IMAGE.message.asset}` });
      }
      if (ref.story_id != null && !owned(ref.story_id)) {
        const path = `script.reference_images[${i}].story_id`;
        problems.push({ path, message: `${path} ${OWNED_REFERENCE_IMAGE.message.story}` });
      }
    });
  }
  const sourceKey = getPath(body, 'script.outro.source_key');
  if (
    template === 'story' &&
    typeof sourceKey === 'string' &&
    !sim.outroSources.some((o) => o.key === sourceKey && o.accountId === account.id)
  ) {
    problems.push({ path: OWNED_OUTRO_SOURCE.path, message: OWNED_OUTRO_SOURCE.message });
  }
  if (problems.length > 0) throw validationFailed(problems);
}

function storyState(ctx: Ctx, account: Account, body: Record<string, unknown>): Video['story'] {
  const sourceKey = getPath(body, 'script.outro.source_key');
  const source = ctx.sim.outroSources.find((o) => o.key === sourceKey && o.accountId === account.id);
  const text = getPath(body, 'script.outro.text');
  const speaker = getPath(body, 'script.outro.speaker');
  const outro: OutroConfig = {
    enabled: getPath(body, 'script.outro.enabled') === true || source !== undefined,
    text: typeof text === 'string' ? text : (source?.text ?? null),
    speaker: typeof speaker === 'string' ? speaker : (source?.speaker ?? 'auto'),
    imagePrompt: null,
    referenceSlideIndex: null,
    attachmentAssetIds: [],
    sourceKey: source?.key ?? null,
  };
  const refs = getPath(body, 'script.reference_images');
  return {
    slides: storySlides(body),
    referenceImages: Array.isArray(refs) ? (refs as Record<string, unknown>[]) : [],
    outro,
    outroImage: null,
    animations: new Map(),
  };
}
