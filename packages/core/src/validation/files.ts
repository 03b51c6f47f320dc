/**
 * Sizes and kinds: the API's request-body cap, and the files the upload endpoints take (reference images, Library
 * clips) checked by name, MIME type and size before anything is sent.
 */
import {
  LIBRARY_TARGET_FIELDS,
  LIBRARY_VIDEO_FILE,
  LIBRARY_VIDEO_URL_FIELDS,
  REFERENCE_IMAGE_FILE,
  REFERENCE_IMAGE_URL_FIELDS,
} from '../catalogue/helpers';
import type { UploadFileKind } from '../catalogue/types';
import { checkRules, ctxOf, isRecord, isSet, list, typeViolation, validateFields, type Violation } from './engine';

/** The API's default request-body cap. */
export const MAX_REQUEST_BYTES = 3_145_728;

/** UTF-8 length without encoding a possibly 3 MB string just to measure it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function validateRequestSize(body: string | Uint8Array): Violation[] {
  const bytes = typeof body === 'string' ? utf8Length(body) : body.byteLength;
  if (bytes <= MAX_REQUEST_BYTES) return [];
  return [
    {
      path: '',
      rule: 'max',
      message: `the request body is ${bytes} bytes; the API accepts at most ${MAX_REQUEST_BYTES} bytes (3 MB)`,
    },
  ];
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

function checkFile(out: Violation[], input: Record<string, unknown>, kind: UploadFileKind): void {
  const { fileName, mimeType, size } = input;
  if (isSet(fileName)) {
    const extension = typeof fileName === 'string' ? (fileName.split('.').pop()?.toLowerCase() ?? '') : '';
    if (typeof fileName !== 'string') out.push(typeViolation('fileName', 'a string', fileName));
    else if (!fileName.includes('.') || !kind.extensions.includes(extension)) {
      out.push({
        path: 'fileName',
        rule: 'format',
        message: `fileName must end in ${kind.extensions.map((e) => `.${e}`).join(', ')} for a ${kind.what}`,
      });
    }
  }
  if (isSet(mimeType)) {
    const base = typeof mimeType === 'string' ? (mimeType.split(';')[0] ?? '').trim().toLowerCase() : '';
    if (!kind.mimeTypes.includes(base)) {
      out.push({
        path: 'mimeType',
        rule: 'format',
        message: `mimeType must be one of ${list(kind.mimeTypes)} for a ${kind.what}`,
      });
    }
  }
  if (isSet(size)) {
    if (typeof size !== 'number' || !Number.isInteger(size)) {
      out.push(typeViolation('size', 'an integer number of bytes', size));
    } else if (size < 1) {
      out.push({ path: 'size', rule: 'min', message: 'size must be at least 1 byte' });
    } else if (size > kind.maxBytes) {
      out.push({
        path: 'size',
        rule: 'max',
        message: `size is ${megabytes(size)}; a ${kind.what} may be at most ${megabytes(kind.maxBytes)} (${kind.maxBytes} bytes)`,
      });
    }
  }
}

export type ReferenceImageUploadInput =
  { fileName?: string; mimeType?: string; size?: number } | { source_url: string };

/** POST /api/v1/story/reference-images: one jpg/png/webp file up to 3 MB, or a direct https source_url. */
export function validateReferenceImageUpload(upload: ReferenceImageUploadInput): Violation[] {
  const input: unknown = upload;
  if (!isRecord(input)) return validateFields([], input, 'reference image upload');
  const out: Violation[] = [];
  const hasUrl = isSet(input.source_url);
  const hasFile = ['fileName', 'mimeType', 'size'].some((key) => isSet(input[key]));
  if (hasUrl && hasFile) {
    out.push({
      path: '',
      rule: 'oneOf',
      message: 'send either a file or a source_url for a reference image, not both',
    });
  } else if (!hasUrl && !hasFile) {
    out.push({ path: '', rule: 'required', message: 'a reference image upload needs a file or a source_url' });
  }
  if (hasUrl) checkRules(out, REFERENCE_IMAGE_URL_FIELDS, ctxOf(input));
  checkFile(out, input, REFERENCE_IMAGE_FILE);
  return out;
}

export interface LibraryVideoUploadInput {
  fileName: string;
  mimeType?: string;
  size: number;
  name?: string;
  folder_id?: number;
  upload_profile?: string;
}

/** POST /api/v1/library/videos (multipart). Studio also probes the file (a video stream, >= 500 px wide, >= 10 s). */
export function validateLibraryVideoUpload(upload: LibraryVideoUploadInput): Violation[] {
  const input: unknown = upload;
  if (!isRecord(input)) return validateFields([], input, 'library video upload');
  const out: Violation[] = [];
  for (const key of ['fileName', 'size']) {
    if (!isSet(input[key])) out.push({ path: key, rule: 'required', message: `${key} is required` });
  }
  checkFile(out, input, LIBRARY_VIDEO_FILE);
  checkRules(out, LIBRARY_TARGET_FIELDS, ctxOf(input));
  return out;
}

export interface LibraryVideoUrlInput {
  url: string;
  name?: string;
  folder_id?: number;
  upload_profile?: string;
}

/** POST /api/v1/library/video-urls: a direct https link to the file itself. */
export function validateLibraryVideoUrl(input: LibraryVideoUrlInput): Violation[] {
  return validateFields(LIBRARY_VIDEO_URL_FIELDS, input, 'library video URL import');
}
