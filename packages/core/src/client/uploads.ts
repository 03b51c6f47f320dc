/**
 * The upload endpoints' calls: files go as multipart bytes built once (so retries resend the same body), URLs as JSON.
 * The reference names the optional fields (name, folder_id, upload_profile, source_url) but not the file part's name;
 * `file` is the conventional one.
 */
import { buildMultipart, type MultipartPart } from '../multipart';
import { validateLibraryVideoUpload, validateLibraryVideoUrl, validateReferenceImageUpload } from '../validation';
import type { Call } from './http';
import type { LibraryVideoUpload, LibraryVideoUrlImport, ReferenceImageUpload } from './types';

const VIDEO_TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  m4v: 'video/x-m4v',
};

export function libraryVideoUploadCall(upload: LibraryVideoUpload): Call {
  const mimeType = upload.mimeType ?? VIDEO_TYPES[upload.fileName.split('.').pop()?.toLowerCase() ?? ''];
  const fields = { name: upload.name, folder_id: upload.folderId, upload_profile: upload.uploadProfile };
  const violations = validateLibraryVideoUpload({
    fileName: upload.fileName,
    mimeType,
    size: upload.data.byteLength,
    ...fields,
  });
  const call: Call = { endpoint: 'library.videos.upload', violations };
  if (violations.length > 0) return call;
  const file: MultipartPart = {
    name: 'file',
    data: upload.data,
    fileName: upload.fileName,
    contentType: mimeType ?? 'application/octet-stream',
  };
  return { ...call, multipart: buildMultipart([file, ...textParts(fields)]) };
}

export function libraryVideoUrlCall(input: LibraryVideoUrlImport): Call {
  const json = { url: input.url, name: input.name, folder_id: input.folderId, upload_profile: input.uploadProfile };
  return { endpoint: 'library.videoUrls.import', json, violations: validateLibraryVideoUrl(json) };
}

export function referenceImageUploadCall(upload: ReferenceImageUpload): Call {
  const endpoint = 'story.referenceImages.upload';
  if ('sourceUrl' in upload) {
    const json = { source_url: upload.sourceUrl, name: upload.name };
    return { endpoint, json, violations: validateReferenceImageUpload(json) };
  }
  const { data, fileName, mimeType, name } = upload;
  const violations = validateReferenceImageUpload({ fileName, mimeType, size: data.byteLength });
  if (violations.length > 0) return { endpoint, violations };
  const file: MultipartPart = { name: 'file', data, fileName, contentType: mimeType };
  return { endpoint, multipart: buildMultipart([file, ...textParts({ name })]) };
}

function textParts(fields: Record<string, string | number | undefined>): MultipartPart[] {
  return Object.entries(fields)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([name, value]) => ({ name, value: String(value) }));
}
