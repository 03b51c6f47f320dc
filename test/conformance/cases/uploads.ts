/**
 * File and size limits: Story reference images (jpg/jpeg/png/webp, max 3MB), Library clips (MP4/MOV/WebM/M4V, max
 * 200MB), the 3,145,728-byte request-body cap, and the storage quota.
 */
import { accepted, refused, type SizeCase, type UploadCase } from '../case';

const MB = 1024 * 1024;
const IMAGE = 'upload one image (jpg/jpeg/png/webp, max 3MB)';
const PER_FILE = 'Story reference-image uploads also enforce a per-file cap of 3MB.';
const CLIP = 'upload one MP4/MOV/WebM/M4V clip (max 200MB)';
const CAP = 'Default API request-body cap is 3,145,728 bytes (3MB).';

function image(
  id: string,
  reference: string,
  fileName: string,
  mimeType: string,
  size: number,
  expect: UploadCase['expect'],
): UploadCase {
  return {
    kind: 'upload',
    id: `upload.image.${id}`,
    endpoint: 'referenceImage',
    reference,
    fileName,
    mimeType,
    size,
    expect,
  };
}

function clip(
  id: string,
  reference: string,
  fileName: string,
  mimeType: string,
  size: number,
  expect: UploadCase['expect'],
  extra: Partial<UploadCase> = {},
): UploadCase {
  return {
    kind: 'upload',
    id: `upload.clip.${id}`,
    endpoint: 'libraryVideo',
    reference,
    fileName,
    mimeType,
    size,
    expect,
    ...extra,
  };
}

export const uploadCases: UploadCase[] = [
  image('jpg', IMAGE, 'logo.jpg', 'image/jpeg', 40_000, accepted),
  image('jpeg', IMAGE, 'logo.jpeg', 'image/jpeg', 40_000, accepted),
  image('png', IMAGE, 'logo.png', 'image/png', 40_000, accepted),
  image('webp', IMAGE, 'logo.webp', 'image/webp', 40_000, accepted),
  image(
    'max-size',
    'Multipart uploads include a small protocol-overhead allowance, so an actual 3MB image file can still pass.',
    'sheet.png',
    'image/png',
    3 * MB,
    accepted,
  ),
  image('above-max-size', PER_FILE, 'sheet.png', 'image/png', 3 * MB + 1, refused(413, 'request_too_large')),
  image('gif', IMAGE, 'logo.gif', 'image/gif', 40_000, refused(422, 'validation_failed')),
  {
    ...image(
      'storage-full',
      'Uploads also enforce remaining storage quota; if exceeded you receive 413 storage_quota_exceeded.',
      'logo.png',
      'image/png',
      40_000,
      refused(413, 'storage_quota_exceeded'),
    ),
    setup: 'storageFull',
    decidedBy: 'account',
  },

  clip('mp4', CLIP, 'parkour.mp4', 'video/mp4', 2 * MB, accepted),
  clip('mov', CLIP, 'parkour.mov', 'video/quicktime', 2 * MB, accepted),
  clip('webm', CLIP, 'parkour.webm', 'video/webm', 2 * MB, accepted),
  clip('m4v', CLIP, 'parkour.m4v', 'video/x-m4v', 2 * MB, accepted),
  clip('max-size', CLIP, 'long.mp4', 'video/mp4', 200 * MB, accepted),
  clip('above-max-size', CLIP, 'long.mp4', 'video/mp4', 200 * MB + 1, refused(413, 'request_too_large')),
  clip(
    'not-a-video',
    'Local multipart uploads can also return 422 invalid_library_video_upload when the uploaded file fails media-probe validation.',
    'parkour.mp4',
    'video/mp4',
    40_000,
    refused(422, 'invalid_library_video_upload'),
    { content: 'garbage' },
  ),
  clip(
    'foreign-folder',
    'Library video upload/import returns 422 invalid_library_folder_id when folder_id is not owned by the caller',
    'parkour.mp4',
    'video/mp4',
    2 * MB,
    refused(422, 'invalid_library_folder_id'),
    { fields: { folder_id: 401 }, decidedBy: 'account' },
  ),
  clip(
    'own-folder',
    'optionally add it to a caller-owned folder, and queue downloader processing. Optional fields: name, folder_id, upload_profile (background or ranking).',
    'parkour.mp4',
    'video/mp4',
    2 * MB,
    accepted,
    { fields: { folder_id: 301, name: 'Parkour 1', upload_profile: 'background' } },
  ),
  clip(
    'storage-full',
    '413 storage_quota_exceeded when the upload exceeds remaining storage',
    'parkour.mp4',
    'video/mp4',
    2 * MB,
    refused(413, 'storage_quota_exceeded'),
    { setup: 'storageFull', decidedBy: 'account' },
  ),
];

export const sizeCases: SizeCase[] = [
  { kind: 'size', id: 'size.at-cap', reference: CAP, bytes: 3_145_728, expect: accepted },
  { kind: 'size', id: 'size.above-cap', reference: CAP, bytes: 3_145_729, expect: refused(413, 'request_too_large') },
];
