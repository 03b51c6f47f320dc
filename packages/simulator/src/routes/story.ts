/** Story helpers: character sources, reference images, outro sources, and a video's outro (settings and image). */
import type { Account } from '../accounts';
import { ApiError, fieldError, validationFailed } from '../errors';
import { jsonBody, ok, readBody, type Ctx, type Reply } from '../http';
import { isMultipart, readMultipart } from '../multipart';
import { lastSegment } from '../paths';
import { slidesDone } from '../pipeline';
import { PRICES } from '../pricing';
import type { Route } from '../router';
import {
  MAX_OUTRO_ATTACHMENTS,
  MAX_REFERENCE_IMAGE_BYTES,
  MAX_REQUEST_BYTES,
  REFERENCE_IMAGE_EXTENSIONS,
  extensionOf,
} from '../rules/limits';
import { OWNED_OUTRO_ATTACHMENTS } from '../rules/ownership';
import { checkRules, type Rule } from '../rules/rule';
import { STORY_RULES } from '../rules/story';
import type { ReferenceImage } from '../seeds';
import { OUTRO_IMAGE_MS } from '../sidejobs';
import { pipelineRun, stepDone, type Video } from '../video';
import { outroView } from '../views';
import { findVideo } from './videos';

/** A file or URL whose name ends in one of the stated image kinds. */
function imageName(name: string): boolean {
  return REFERENCE_IMAGE_EXTENSIONS.value.includes(extensionOf(name));
}

function account(ctx: Ctx): Account {
  if (!ctx.account) throw new Error('route needs an account');
  return ctx.account;
}

function characterSources(ctx: Ctx): Reply {
  const mine = [...ctx.sim.videos.values()]
    .filter(
      (v) => v.accountId === account(ctx).id && v.template === 'story' && stepDone(pipelineRun(v), 'character_sheet'),
    )
    .sort((a, b) => b.createdAt - a.createdAt);
  return ok({
    character_sources: mine.map((v) => ({
      video_id: v.id,
      name: v.name ?? `Story ${v.id}`,
      character_sheet_url: `${ctx.base}/studio/assets/story/${v.id}/character-sheet.png`,
      created_at: new Date(v.createdAt).toISOString(),
    })),
  });
}

function referenceView(ctx: Ctx, r: ReferenceImage): Record<string, unknown> {
  return {
    asset_id: r.id,
    name: r.name,
    image_url: `${ctx.base}/studio/assets/references/${r.id}.png`,
    alias_suggestion: r.name
      .replace(/\.[a-z0-9]+$/i, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, ''),
    content_type: r.contentType,
    size_bytes: r.sizeBytes,
    source_type: r.sourceType,
    created_at: new Date(r.createdAt).toISOString(),
  };
}

function referenceImages(ctx: Ctx): Reply {
  const mine = ctx.sim.referenceImages
    .filter((r) => r.accountId === account(ctx).id)
    .sort((a, b) => b.createdAt - a.createdAt);
  return ok({ reference_images: mine.map((r) => referenceView(ctx, r)) });
}

function imageType(head: Buffer): string | null {
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

async function uploadReferenceImage(ctx: Ctx): Promise<Reply> {
  const acct = account(ctx);
  const now = ctx.sim.apiNow();
  let image: Omit<ReferenceImage, 'id' | 'accountId' | 'createdAt'>;
  if (isMultipart(ctx.req)) {
    const { fields, file } = await readMultipart(ctx.req, MAX_REFERENCE_IMAGE_BYTES.value, true);
    if (!file) throw fieldError('file', 'A file field named "file" is required.');
    if (file.tooLarge) {
      throw new ApiError(413, 'request_too_large', 'A reference image may be at most 3 MB.', {
        max_bytes: MAX_REFERENCE_IMAGE_BYTES.value,
      });
    }
    if (!imageName(file.fileName)) {
      throw fieldError('file', `The file must be ${REFERENCE_IMAGE_EXTENSIONS.value.join('/')} (by its name).`);
    }
    const type = imageType(file.head);
    if (!type) throw fieldError('file', 'The file is not a readable JPEG, PNG or WebP image.');
    const storage = acct.storageQuotaBytes - acct.storageUsedBytes;
    if (file.size > storage) {
      throw new ApiError(413, 'storage_quota_exceeded', 'The upload exceeds your remaining storage quota.', {
        quota_bytes: acct.storageQuotaBytes,
        used_bytes: acct.storageUsedBytes,
        remaining_bytes: Math.max(0, storage),
        upload_bytes: file.size,
      });
    }
    acct.storageUsedBytes += file.size;
    image = {
      name: fields.name || file.fileName,
      contentType: type,
      sizeBytes: file.size,
      sourceType: 'upload',
      sourceUrl: null,
    };
  } else {
    const body = await readJson(ctx);
    const url = directHttpsUrl(body.source_url);
    if (!imageName(url.pathname)) {
      throw fieldError('source_url', 'source_url must point directly at a .jpg, .jpeg, .png or .webp file');
    }
    const fileName = lastSegment(url.pathname) || 'reference.png';
    const ext = fileName.split('.').pop()?.toLowerCase();
    image = {
      name: typeof body.name === 'string' && body.name !== '' ? body.name : fileName,
      contentType: ext === 'png' ? 'image/png' : ext === 'webp' ? 'image/webp' : 'image/jpeg',
      sizeBytes: null,
      sourceType: 'url',
      sourceUrl: url.toString(),
    };
  }
  const saved: ReferenceImage = { ...image, id: ctx.sim.nextId('referenceImage'), accountId: acct.id, createdAt: now };
  ctx.sim.referenceImages.push(saved);
  // "receive a new asset_id" (reference): at the top level, with the full record beside it.
  return ok({ asset_id: saved.id, reference_image: referenceView(ctx, saved) }, 201);
}

/** "send a direct HTTPS source_url": an absolute https:// URL. */
function directHttpsUrl(value: unknown): URL {
  let url: URL | null = null;
  try {
    url = typeof value === 'string' ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (!url || url.protocol !== 'https:') {
    throw fieldError('source_url', 'Send a file (multipart) or source_url, a direct https:// link to the image.');
  }
  return url;
}

/** This route streams its body (multipart), so a JSON body is read here under the API cap. */
async function readJson(ctx: Ctx): Promise<Record<string, unknown>> {
  const raw = await readBody(ctx.req, MAX_REQUEST_BYTES.value);
  if (raw.tooLarge)
    throw new ApiError(413, 'request_too_large', 'The request body exceeds 3,145,728 bytes.', {
      max_bytes: MAX_REQUEST_BYTES.value,
    });
  ctx.body = raw.body;
  return jsonBody(ctx);
}

function outroSources(ctx: Ctx): Reply {
  const mine = ctx.sim.outroSources.filter((o) => o.accountId === account(ctx).id);
  return ok({
    outro_sources: mine.map((o) => ({
      key: o.key,
      text: o.text,
      speaker: o.speaker,
      source_video_id: o.sourceVideoId,
      created_at: new Date(o.createdAt).toISOString(),
    })),
  });
}

function outroAnswer(ctx: Ctx, video: Video): Reply {
  const done = slidesDone(video);
  return ok({
    video_id: video.id,
    outro: outroView(ctx.sim, video),
    speaker_options: ['auto', 'Narrator', 'Ava', 'Liam', 'Sofia', 'Noah'],
    reference_slide_options: Array.from({ length: done }, (_, i) => ({
      slide_index: i,
      image_url: `${ctx.base}/studio/assets/story/${video.id}/slides/${i}.png`,
    })),
    image_generation_estimate: { credits: PRICES.outroImage, credits_per_image: PRICES.outroImage },
  });
}

function getOutro(ctx: Ctx): Reply {
  return outroAnswer(ctx, findVideo(ctx, 'story'));
}

/**
 * The PUT's keys mirror the create body's script.outro (the reference names the settings, not their keys), so text and
 * speaker keep the create limits; at most 4 attachment asset IDs.
 */
const OUTRO_UPDATE_RULES: readonly Rule[] = [
  ...STORY_RULES.filter((r) => r.path === 'script.outro.text' || r.path === 'script.outro.speaker').map((r) => ({
    ...r,
    path: r.path.replace('script.outro.', ''),
  })),
  {
    path: OWNED_OUTRO_ATTACHMENTS.path,
    reference: MAX_OUTRO_ATTACHMENTS.reference,
    check: (value) =>
      Array.isArray(value) && value.length <= MAX_OUTRO_ATTACHMENTS.value
        ? undefined
        : `must be an array of at most ${MAX_OUTRO_ATTACHMENTS.value} asset IDs`,
  },
];

function putOutro(ctx: Ctx): Reply {
  const video = findVideo(ctx, 'story');
  const story = video.story;
  if (!story) throw new Error('story video without story state');
  const body = jsonBody(ctx);
  const violations = checkRules(OUTRO_UPDATE_RULES, body, ctx.sim.config);
  if (violations.length > 0) throw validationFailed(violations);
  const slide = body.reference_slide_index;
  if (slide != null && (typeof slide !== 'number' || !Number.isInteger(slide) || slide < 0 || slide >= story.slides)) {
    throw fieldError(
      'reference_slide_index',
      `reference_slide_index must be one of the reference slide options, 0 to ${story.slides - 1}`,
    );
  }
  const ids = body.attachment_asset_ids;
  if (Array.isArray(ids)) {
    const acct = account(ctx).id;
    const missing = ids.filter((id) => !ctx.sim.referenceImages.some((r) => r.id === id && r.accountId === acct));
    if (missing.length > 0) {
      throw fieldError(OWNED_OUTRO_ATTACHMENTS.path, `not your reference images: ${missing.join(', ')}`);
    }
  }
  const o = story.outro;
  if (typeof body.enabled === 'boolean') o.enabled = body.enabled;
  if (typeof body.text === 'string') o.text = body.text;
  if (typeof body.speaker === 'string') o.speaker = body.speaker;
  if (typeof body.image_prompt === 'string') o.imagePrompt = body.image_prompt;
  if (typeof slide === 'number') o.referenceSlideIndex = slide;
  if (Array.isArray(ids)) o.attachmentAssetIds = ids as number[];
  return outroAnswer(ctx, video);
}

function outroImage(ctx: Ctx): Reply {
  const { sim } = ctx;
  const video = findVideo(ctx, 'story');
  const story = video.story;
  if (!story) throw new Error('story video without story state');
  if (!stepDone(pipelineRun(video), 'character_sheet')) {
    throw new ApiError(
      409,
      'character_sheet_not_ready',
      'The outro image needs the character sheet; wait until the character_sheet step is done.',
    );
  }
  if (!story.outro.enabled || !story.outro.text) {
    throw new ApiError(409, 'outro_not_configured', 'Enable the outro and set its text first (PUT .../outro).');
  }
  const existing = story.outroImage;
  if (existing?.status === 'queued') {
    return ok(
      { video_id: video.id, run_id: existing.runId, status: existing.status, charged_credits: existing.credits },
      202,
    );
  }
  const now = sim.apiNow();
  const hold = sim.ledger.hold(account(ctx), PRICES.outroImage, video.id, 'story.v001.outro_image', now);
  const fail =
    video.sideFailures.has('outro_image_failed') ||
    (story.outro.imagePrompt ?? '').includes('[sim:fail:outro_image_failed]');
  story.outroImage = {
    runId: sim.nextId('outroRun'),
    status: 'queued',
    queuedAt: now,
    finishAt: now + OUTRO_IMAGE_MS,
    credits: PRICES.outroImage,
    hold,
    fail,
  };
  sim.outroJobs.add(video);
  sim.emitSide(video, 'outro_image.queued', now, { outro_image_run_id: story.outroImage.runId, image_url: null });
  return ok(
    {
      video_id: video.id,
      run_id: story.outroImage.runId,
      status: 'queued',
      charged_credits: PRICES.outroImage,
      estimated_seconds: OUTRO_IMAGE_MS / 1000,
    },
    202,
  );
}

export const storyRoutes: readonly Route[] = [
  { method: 'GET', path: '/api/v1/story/character-sources', auth: 'key', body: 'none', handler: characterSources },
  { method: 'GET', path: '/api/v1/story/reference-images', auth: 'key', body: 'none', handler: referenceImages },
  {
    method: 'POST',
    path: '/api/v1/story/reference-images',
    auth: 'key',
    body: 'stream',
    handler: uploadReferenceImage,
  },
  { method: 'GET', path: '/api/v1/story/outro-sources', auth: 'key', body: 'none', handler: outroSources },
  { method: 'GET', path: '/api/v1/story/videos/:video_id/outro', auth: 'key', body: 'none', handler: getOutro },
  { method: 'PUT', path: '/api/v1/story/videos/:video_id/outro', auth: 'key', body: 'json', handler: putOutro },
  {
    method: 'POST',
    path: '/api/v1/story/videos/:video_id/outro/image',
    auth: 'key',
    body: 'json',
    handler: outroImage,
  },
];
