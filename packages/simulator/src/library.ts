/**
 * Library folders and uploaded/imported clips: folder-first background selection (with fallback pools), coverage
 * preflight, and upload assets whose status moves queued -> processing -> available on the API clock.
 */
import { ApiError } from './errors';
import { getPath } from './paths';
import { listItems } from './pricing';
import { FOLDER_OWNED } from './rules/library';
import { MAX_LIBRARY_VIDEO_BYTES as LIBRARY_CAP } from './rules/limits';
import type { TemplateId } from './rules/templates';
import type { FolderItem, LibraryFolder, UploadProfile } from './seeds';
import type { BackgroundSelection } from './video';

export const MAX_LIBRARY_VIDEO_BYTES = LIBRARY_CAP.value;
export const ASSET_QUEUED_MS = 5_000;
export const ASSET_PROCESSING_MS = 20_000;
const UPLOADED_CLIP_SECONDS = 15;

export type Container = 'mp4' | 'quicktime' | 'webm';

export interface LibraryAsset {
  id: number;
  accountId: number;
  name: string;
  folderId: number | null;
  uploadProfile: UploadProfile;
  sourceType: 'upload' | 'url';
  sourceUrl: string | null;
  originalFileName: string | null;
  sizeBytes: number | null;
  container: Container | null;
  createdAt: number;
  /** URL imports told to fail on purpose (`sim_fail` in the query), ending as `failed`. */
  fail: boolean;
}

/**
 * The probe: an ISO-BMFF/QuickTime file starts with a box whose type is ftyp (or moov/mdat/wide/free/skip for old
 * QuickTime); a WebM/Matroska file starts with the EBML magic. Anything else has no readable video stream.
 */
export function probeContainer(head: Buffer): Container | null {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
  if (head.length < 8) return null;
  const box = head.toString('latin1', 4, 8);
  if (box === 'ftyp') return head.toString('latin1', 8, 12) === 'qt  ' ? 'quicktime' : 'mp4';
  return ['moov', 'mdat', 'wide', 'free', 'skip'].includes(box) ? 'quicktime' : null;
}

export function assetStatus(asset: LibraryAsset, now: number): 'queued' | 'processing' | 'available' | 'failed' {
  const age = now - asset.createdAt;
  if (age < ASSET_QUEUED_MS) return 'queued';
  if (age < ASSET_QUEUED_MS + ASSET_PROCESSING_MS) return 'processing';
  return asset.fail ? 'failed' : 'available';
}

export function assetView(asset: LibraryAsset, now: number, baseUrl: string): Record<string, unknown> {
  const status = assetStatus(asset, now);
  const available = status === 'available';
  const webm = asset.container === 'webm';
  const size = asset.sizeBytes;
  return {
    asset_id: asset.id,
    name: asset.name,
    status,
    ready: available,
    folder_id: asset.folderId,
    upload_profile: asset.uploadProfile,
    final_url: available ? `${baseUrl}/studio/assets/library/${asset.id}/final.mp4` : null,
    preview_url: available ? `${baseUrl}/studio/assets/library/${asset.id}/preview.mp4` : null,
    source: {
      source_type: asset.sourceType,
      source_host: asset.sourceUrl ? new URL(asset.sourceUrl).host : null,
      original_file_name: asset.originalFileName,
    },
    media: available
      ? {
          duration_seconds: UPLOADED_CLIP_SECONDS,
          width: 1080,
          height: 1920,
          size_bytes: size,
          has_audio: true,
          video_codec: webm ? 'vp9' : 'h264',
          audio_codec: webm ? 'opus' : 'aac',
          bitrate_kbps: size === null ? null : Math.round((size * 8) / UPLOADED_CLIP_SECONDS / 1000),
        }
      : null,
    batch: { total: 1, completed: available ? 1 : 0, failed: status === 'failed' ? 1 : 0, status },
    warnings: [] as unknown[],
    retained_source:
      asset.sourceType === 'upload'
        ? { retained: true, expires_at: new Date(asset.createdAt + 7 * 86_400_000).toISOString() }
        : null,
    error:
      status === 'failed'
        ? { code: 'library_import_failed', message: 'The file could not be downloaded or decoded.' }
        : null,
    ...(status === 'queued' || status === 'processing'
      ? {
          poll_after_seconds: Math.max(
            1,
            Math.ceil((asset.createdAt + ASSET_QUEUED_MS + ASSET_PROCESSING_MS - now) / 1000),
          ),
        }
      : {}),
    created_at: new Date(asset.createdAt).toISOString(),
  };
}

/** A folder's items: seeded ones plus uploads that have become available in it. */
export function folderItems(folder: LibraryFolder, assets: Iterable<LibraryAsset>, now: number): FolderItem[] {
  const uploaded: FolderItem[] = [];
  for (const a of assets) {
    if (a.folderId === folder.id && assetStatus(a, now) === 'available') {
      uploaded.push({ kind: 'user_video', uploadProfile: a.uploadProfile, durationSeconds: UPLOADED_CLIP_SECONDS });
    }
  }
  return [...folder.items, ...uploaded];
}

function profileFor(template: string): UploadProfile {
  return template === 'ranking' ? 'ranking' : 'background';
}

function eligible(items: FolderItem[], profile: UploadProfile): FolderItem[] {
  return items.filter((i) => (i.kind === 'user_video' || i.kind === 'shared_video') && i.uploadProfile === profile);
}

export function folderView(folder: LibraryFolder, items: FolderItem[]): Record<string, unknown> {
  const count = (kind: FolderItem['kind']) => items.filter((i) => i.kind === kind).length;
  const candidates = (profile: UploadProfile) => {
    const e = eligible(items, profile);
    return { eligible_count: e.length, total_duration_seconds: e.reduce((s, i) => s + i.durationSeconds, 0) };
  };
  return {
    id: folder.id,
    name: folder.name,
    underfill_strategy: folder.underfillStrategy,
    counts: {
      user_videos: count('user_video'),
      shared_videos: count('shared_video'),
      music: count('music'),
      images: count('image'),
      total: items.length,
    },
    upload_profiles: {
      background: items.filter((i) => i.uploadProfile === 'background').length,
      ranking: items.filter((i) => i.uploadProfile === 'ranking').length,
    },
    candidates: { background: candidates('background'), ranking: candidates('ranking') },
  };
}

/** Clips a run needs: one per List item plus the hook, five for a Ranking, three for the other narrated templates. */
export function requiredClips(template: string, request: unknown): number {
  if (template === 'list') return listItems(request) + 1;
  return template === 'ranking' ? 5 : 3;
}

export function fallbackPool(template: string): string {
  return template === 'ranking' ? 'approved_category_clips' : 'approved_shared_asmr';
}

export function ownedFolder(
  folders: LibraryFolder[],
  accountId: number,
  folderId: unknown,
  code: string,
): LibraryFolder {
  const folder = folders.find((f) => f.id === folderId && f.accountId === accountId);
  if (!folder) {
    throw new ApiError(
      422,
      code,
      'folder_id does not belong to your account. List your folders with GET /api/v1/library/folders.',
      {
        folder_id: folderId,
      },
    );
  }
  return folder;
}

export function selectBackground(
  folders: LibraryFolder[],
  assets: Iterable<LibraryAsset>,
  accountId: number,
  template: TemplateId,
  request: unknown,
  now: number,
): BackgroundSelection {
  const required = requiredClips(template, request);
  const folderId = getPath(request, 'background.folder_id');
  if (folderId === undefined || folderId === null) {
    return {
      folderId: null,
      requiredClips: required,
      folderClips: 0,
      fallbackClips: required,
      underfillStrategy: 'auto_fill',
      fallbackPool: fallbackPool(template),
      warnings: [],
    };
  }
  const folder = ownedFolder(folders, accountId, folderId, FOLDER_OWNED.value);
  const available = eligible(folderItems(folder, assets, now), profileFor(template)).length;
  const folderClips = Math.min(available, required);
  const short = required - folderClips;
  const warnings =
    short > 0
      ? [
          folder.underfillStrategy === 'error'
            ? {
                code: 'background_folder_underfilled',
                message: `Folder ${folder.id} has ${available} of ${required} eligible clips; the run will fail (underfill strategy error).`,
              }
            : {
                code: 'background_auto_filled',
                message: `Folder ${folder.id} has ${available} of ${required} eligible clips; ${short} will be auto-filled from the fallback pool.`,
              },
        ]
      : [];
  return {
    folderId: folder.id,
    requiredClips: required,
    folderClips,
    fallbackClips: folder.underfillStrategy === 'error' ? 0 : short,
    underfillStrategy: folder.underfillStrategy,
    fallbackPool: fallbackPool(template),
    warnings,
  };
}

export function backgroundSummary(b: BackgroundSelection): Record<string, unknown> {
  return {
    folder_id: b.folderId,
    folder_first: b.folderId !== null,
    required_clips: b.requiredClips,
    folder_clips_selected: b.folderClips,
    fallback_clips_selected: b.fallbackClips,
    fallback_policy: { underfill_strategy: b.underfillStrategy, fallback_pool: b.fallbackPool },
  };
}

export function coverage(
  folder: LibraryFolder | null,
  items: FolderItem[],
  template: string,
  requiredCount: number,
  requiredSeconds: number | null,
): Record<string, unknown> {
  const e = folder ? eligible(items, profileFor(template)) : [];
  const seconds = e.reduce((s, i) => s + i.durationSeconds, 0);
  const enough = e.length >= requiredCount && (requiredSeconds === null || seconds >= requiredSeconds);
  const outcome = !folder
    ? 'fallback_only'
    : enough
      ? 'folder_only'
      : folder.underfillStrategy === 'error'
        ? 'fails_underfilled'
        : 'auto_fill';
  const warnings =
    folder && !enough
      ? [
          {
            code: outcome === 'auto_fill' ? 'background_auto_filled' : 'background_folder_underfilled',
            message: `Folder ${folder.id} has ${e.length} eligible clips (${seconds}s); ${requiredCount} clips${requiredSeconds === null ? '' : ` / ${requiredSeconds}s`} are needed.`,
          },
        ]
      : [];
  return {
    template,
    folder_id: folder?.id ?? null,
    eligibility: {
      eligible_count: e.length,
      eligible_duration_seconds: seconds,
      user_clips: e.filter((i) => i.kind === 'user_video').length,
      shared_clips: e.filter((i) => i.kind === 'shared_video').length,
    },
    required: { count: requiredCount, total_duration_seconds: requiredSeconds },
    prediction: {
      sufficient: enough,
      outcome,
      folder_clips: Math.min(e.length, requiredCount),
      fallback_clips:
        outcome === 'auto_fill' || outcome === 'fallback_only' ? Math.max(0, requiredCount - e.length) : 0,
      fallback_pool: fallbackPool(template),
    },
    warnings,
  };
}
