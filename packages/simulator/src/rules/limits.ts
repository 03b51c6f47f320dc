/** Sizes and kinds the reference caps: request bodies, uploaded files, outro attachments. */
import type { Stated } from './rule';

export const MAX_REQUEST_BYTES: Stated<number> = {
  value: 3_145_728,
  reference: 'Default API request-body cap is 3,145,728 bytes (3MB).',
};

/** "3MB" next to "3,145,728 bytes (3MB)" above: the same binary megabytes. */
export const MAX_REFERENCE_IMAGE_BYTES: Stated<number> = {
  value: 3 * 1024 * 1024,
  reference: 'Story reference-image uploads also enforce a per-file cap of 3MB.',
};

export const REFERENCE_IMAGE_EXTENSIONS: Stated<readonly string[]> = {
  value: ['jpg', 'jpeg', 'png', 'webp'],
  reference: 'upload one image (jpg/jpeg/png/webp, max 3MB) by multipart form-data, or send a direct HTTPS source_url',
};

export const MAX_LIBRARY_VIDEO_BYTES: Stated<number> = {
  value: 200 * 1024 * 1024,
  reference: 'upload one MP4/MOV/WebM/M4V clip (max 200MB)',
};

export const LIBRARY_VIDEO_EXTENSIONS: Stated<readonly string[]> = {
  value: ['mp4', 'mov', 'webm', 'm4v'],
  reference: 'import one direct HTTPS MP4/MOV/WebM/M4V file URL',
};

export const UPLOAD_PROFILES: Stated<readonly string[]> = {
  value: ['background', 'ranking'],
  reference: 'Optional fields: name, folder_id, upload_profile (background or ranking).',
};

export const MAX_OUTRO_ATTACHMENTS: Stated<number> = {
  value: 4,
  reference: 'optional image prompt/reference slide/attachment asset IDs (max 4 attachments)',
};

/** The extension of a file name or URL path, lower-cased ('' without one). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 || dot < name.lastIndexOf('/') ? '' : name.slice(dot + 1).toLowerCase();
}
