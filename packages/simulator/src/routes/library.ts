/** Library folders, coverage preflight, clip uploads (multipart) and URL imports, and upload status polling. */
import {
  validateCoverageRequest,
  validateLibraryVideoUpload,
  validateLibraryVideoUrl,
  type CoverageInput,
  type LibraryVideoUploadInput,
  type LibraryVideoUrlInput,
} from '@trending/core';
import type { Account } from '../accounts';
import { ApiError, fieldError, notFound, validationFailed } from '../errors';
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
import type { Route } from '../router';
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

function folderCoverage(ctx: Ctx): Reply {
  const body = jsonBody(ctx);
  const violations = validateCoverageRequest(body as unknown as CoverageInput);
  const presetProblem = violations.find((v) => v.path === 'ranking_category_preset' && v.rule === 'enum');
  if (presetProblem && violations.length === 1) {
    throw new ApiError(422, 'invalid_ranking_category_preset', presetProblem.message, {
      ranking_category_preset: body.ranking_category_preset,
    });
  }
  if (violations.length > 0) throw validationFailed(violations);
  const input = body as unknown as CoverageInput;
  const folder =
    input.folder_id === undefined || input.folder_id === null
      ? null
      : ownedFolder(ctx.sim.folders, account(ctx).id, input.folder_id, 'invalid_background_folder_id');
  const items = folder ? folderItems(folder, ctx.sim.libraryAssets.values(), ctx.sim.apiNow()) : [];
  const count = input.required_count ?? requiredClips(input.template, {});
  return ok({
    ...coverage(folder, items, input.template, count, input.required_total_duration_seconds ?? null),
    ranking_category_preset: input.ranking_category_preset ?? null,
  });
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
  const input = {
    fileName: file.fileName,
    mimeType: file.mimeType,
    size: file.size,
    name: fields.name,
    folder_id: numericField(fields.folder_id),
    upload_profile: fields.upload_profile,
  } as LibraryVideoUploadInput;
  const violations = validateLibraryVideoUpload(input);
  if (violations.length > 0) throw validationFailed(violations);
  if (input.folder_id !== undefined)
    ownedFolder(ctx.sim.folders, account(ctx).id, input.folder_id, 'invalid_library_folder_id');
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
    name: input.name ?? file.fileName,
    folderId: input.folder_id ?? null,
    uploadProfile: (input.upload_profile as UploadProfile | undefined) ?? 'background',
    sourceType: 'upload',
    sourceUrl: null,
    originalFileName: file.fileName,
    sizeBytes: file.size,
    container,
    fail: false,
  });
}

function importUrl(ctx: Ctx): Reply {
  const input = jsonBody(ctx) as unknown as LibraryVideoUrlInput;
  const violations = validateLibraryVideoUrl(input);
  if (violations.length > 0) throw validationFailed(violations);
  if (input.folder_id !== undefined)
    ownedFolder(ctx.sim.folders, account(ctx).id, input.folder_id, 'invalid_library_folder_id');
  const url = new URL(input.url);
  const fileName = decodeURIComponent(url.pathname.split('/').pop() ?? '') || 'clip.mp4';
  return addAsset(ctx, {
    name: input.name ?? fileName,
    folderId: input.folder_id ?? null,
    uploadProfile: (input.upload_profile as UploadProfile | undefined) ?? 'background',
    sourceType: 'url',
    sourceUrl: input.url,
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
