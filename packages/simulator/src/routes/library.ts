/** Library folders, coverage preflight, clip uploads (multipart) and URL imports, and upload status polling. */
import type { Account } from '../accounts';
import { ApiError, fieldError, notFound } from '../errors';
import { intParam, jsonBody, ok, type Ctx, type Reply } from '../http';
import {
  MAX_LIBRARY_VIDEO_BYTES,
  assetView,
  coverage,
  folderItems,
  folderView,
  ownedFolder,
  probeContainer,
  requiredClips,
  type LibraryAsset,
} from '../library';
import { isMultipart, readMultipart } from '../multipart';
import { lastSegment } from '../paths';
import type { Route } from '../router';
import { COVERAGE_FIELDS, FOLDER_OWNED, INVALID_RANKING_PRESET, LIBRARY_FOLDER_OWNED } from '../rules/library';
import { LIBRARY_VIDEO_EXTENSIONS, UPLOAD_PROFILES, extensionOf } from '../rules/limits';
import { RANKING_CATEGORY_PRESETS } from '../rules/ranking';
import { isTemplateId } from '../rules/templates';
import type { UploadProfile } from '../seeds';

function account(ctx: Ctx): Account {
  if (!ctx.account) throw new Error('route needs an account');
  return ctx.account;
}

function folders(ctx: Ctx): Reply {
  const now = ctx.sim.apiNow();
  const mine = ctx.sim.folders.filter((f) => f.accountId === account(ctx).id);
  return ok({ folders: mine.map((f) => folderView(f, folderItems(f, ctx.sim.libraryAssets.values(), now))) });
}

/** A count or duration the caller may leave out; a value that is not a non-negative number is refused. */
function optionalAmount(body: Record<string, unknown>, key: string): number | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw fieldError(key, `${key} must be a number of at least 0`);
  }
  return value;
}

function folderCoverage(ctx: Ctx): Reply {
  const body = jsonBody(ctx);
  const template = body.template;
  if (!isTemplateId(template)) throw fieldError('template', `template is required (${COVERAGE_FIELDS.reference})`);
  const preset = body.ranking_category_preset;
  if (template === 'ranking' && preset != null && !(RANKING_CATEGORY_PRESETS as readonly unknown[]).includes(preset)) {
    throw new ApiError(
      422,
      INVALID_RANKING_PRESET.value,
      `ranking_category_preset must be one of: ${RANKING_CATEGORY_PRESETS.join(', ')}`,
      {
        ranking_category_preset: preset,
      },
    );
  }
  const count = optionalAmount(body, 'required_count') ?? requiredClips(template, {});
  const seconds = optionalAmount(body, 'required_total_duration_seconds');
  const folder =
    body.folder_id === undefined || body.folder_id === null
      ? null
      : ownedFolder(ctx.sim.folders, account(ctx).id, body.folder_id, FOLDER_OWNED.value);
  const items = folder ? folderItems(folder, ctx.sim.libraryAssets.values(), ctx.sim.apiNow()) : [];
  return ok({
    ...coverage(folder, items, template, count, seconds),
    ranking_category_preset: preset ?? null,
  });
}

/** Optional name, folder_id and upload_profile of an upload or import (multipart fields or JSON keys). */
function target(acct: Account, ctx: Ctx, raw: { name?: unknown; folder_id?: unknown; upload_profile?: unknown }) {
  const profile = raw.upload_profile ?? 'background';
  if (typeof profile !== 'string' || !UPLOAD_PROFILES.value.includes(profile)) {
    throw fieldError('upload_profile', `upload_profile must be one of: ${UPLOAD_PROFILES.value.join(', ')}`);
  }
  const folderId = raw.folder_id ?? null;
  if (folderId !== null) ownedFolder(ctx.sim.folders, acct.id, folderId, LIBRARY_FOLDER_OWNED.value);
  return {
    name: typeof raw.name === 'string' && raw.name !== '' ? raw.name : null,
    folderId: folderId as number | null,
    uploadProfile: profile as UploadProfile,
  };
}

function videoName(name: string): boolean {
  return LIBRARY_VIDEO_EXTENSIONS.value.includes(extensionOf(name));
}

function numericField(value: string | undefined): number | string | undefined {
  if (value === undefined || value === '') return undefined;
  return /^[0-9]{1,12}$/.test(value) ? Number(value) : value;
}

function addAsset(ctx: Ctx, asset: Omit<LibraryAsset, 'id' | 'accountId' | 'createdAt'>): Reply {
  const full: LibraryAsset = {
    ...asset,
    id: ctx.sim.nextId('asset'),
    accountId: account(ctx).id,
    createdAt: ctx.sim.apiNow(),
  };
  ctx.sim.libraryAssets.set(full.id, full);
  return ok({ asset: assetView(full, full.createdAt, ctx.base), poll_url: `/api/v1/library/uploads/${full.id}` }, 202);
}

function requireStorage(acct: Account, bytes: number): void {
  const remaining = acct.storageQuotaBytes - acct.storageUsedBytes;
  if (bytes > remaining) {
    throw new ApiError(413, 'storage_quota_exceeded', 'The upload exceeds your remaining storage quota.', {
      quota_bytes: acct.storageQuotaBytes,
      used_bytes: acct.storageUsedBytes,
      remaining_bytes: Math.max(0, remaining),
      upload_bytes: bytes,
    });
  }
}

async function uploadVideo(ctx: Ctx): Promise<Reply> {
  if (!isMultipart(ctx.req)) {
    ctx.req.resume();
    throw fieldError('file', 'Send multipart/form-data with one file field named "file".');
  }
  const { fields, file } = await readMultipart(ctx.req, MAX_LIBRARY_VIDEO_BYTES, false);
  if (!file) throw fieldError('file', 'A file field named "file" is required.');
  if (file.tooLarge) {
    throw new ApiError(413, 'request_too_large', 'A library video may be at most 200 MB.', {
      max_bytes: MAX_LIBRARY_VIDEO_BYTES,
    });
  }
  if (!videoName(file.fileName)) {
    throw fieldError('file', `The clip must be ${LIBRARY_VIDEO_EXTENSIONS.value.join('/')} (by its name).`);
  }
  const to = target(account(ctx), ctx, { ...fields, folder_id: numericField(fields.folder_id) });
  const container = probeContainer(file.head);
  if (!container) {
    throw new ApiError(
      422,
      'invalid_library_video_upload',
      'The file has no readable video stream (not an MP4, QuickTime or WebM file).',
      {
        file_name: file.fileName,
      },
    );
  }
  const acct = account(ctx);
  requireStorage(acct, file.size);
  acct.storageUsedBytes += file.size;
  return addAsset(ctx, {
    name: to.name ?? file.fileName,
    folderId: to.folderId,
    uploadProfile: to.uploadProfile,
    sourceType: 'upload',
    sourceUrl: null,
    originalFileName: file.fileName,
    sizeBytes: file.size,
    container,
    fail: false,
  });
}

function importUrl(ctx: Ctx): Reply {
  const body = jsonBody(ctx);
  let url: URL | null = null;
  try {
    url = typeof body.url === 'string' ? new URL(body.url) : null;
  } catch {
    url = null;
  }
  if (!url || url.protocol !== 'https:' || !videoName(url.pathname)) {
    throw fieldError('url', `url must be a direct https:// link to a ${LIBRARY_VIDEO_EXTENSIONS.value.join('/')} file`);
  }
  const to = target(account(ctx), ctx, body);
  const fileName = lastSegment(url.pathname) || 'clip.mp4';
  return addAsset(ctx, {
    name: to.name ?? fileName,
    folderId: to.folderId,
    uploadProfile: to.uploadProfile,
    sourceType: 'url',
    sourceUrl: url.toString(),
    originalFileName: fileName,
    sizeBytes: null,
    container: null,
    fail: url.searchParams.has('sim_fail'),
  });
}

function uploadStatus(ctx: Ctx): Reply {
  const id = intParam(ctx, 'asset_id');
  const asset = id === null ? undefined : ctx.sim.libraryAssets.get(id);
  if (!asset || asset.accountId !== account(ctx).id) throw notFound('The upload', 'asset_not_found');
  return ok({ asset: assetView(asset, ctx.sim.apiNow(), ctx.base) });
}

export const libraryRoutes: readonly Route[] = [
  { method: 'GET', path: '/api/v1/library/folders', auth: 'key', body: 'none', handler: folders },
  { method: 'POST', path: '/api/v1/library/folders/coverage', auth: 'key', body: 'json', handler: folderCoverage },
  { method: 'POST', path: '/api/v1/library/videos', auth: 'key', body: 'stream', handler: uploadVideo },
  { method: 'POST', path: '/api/v1/library/video-urls', auth: 'key', body: 'json', handler: importUrl },
  { method: 'GET', path: '/api/v1/library/uploads/:asset_id', auth: 'key', body: 'none', handler: uploadStatus },
];
