/**
 * Upload Story Reference Image: from a file mapped from an earlier step (Zapier hands it over as a URL, which this
 * step downloads and sends as multipart bytes) or from a direct HTTPS image URL that Trending fetches itself.
 */
import { REFERENCE_IMAGE_FIELDS, REFERENCE_IMAGE_FILE, REFERENCE_IMAGE_URL_FIELDS } from '@trending/core';
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { guard, inputError } from '../errors';
import { helperField } from '../helper-fields';
import { clientFor } from '../transport';

/** Core's file kind (formats, size cap): the help texts and the Content-Length check say what core says. */
const MAX_IMAGE_MB = REFERENCE_IMAGE_FILE.maxBytes / 1024 / 1024;
const FORMATS = REFERENCE_IMAGE_FILE.extensions
  .map((extension) => extension.toUpperCase())
  .join(', ')
  .replace(/, (?=[^,]*$)/, ' or ');
const SOURCE_URL_LABEL = helperField(REFERENCE_IMAGE_URL_FIELDS, 'source_url').label;
const EXTENSION_BY_TYPE: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};
const TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

async function downloadFile(z: ZObject, url: string) {
  // A file URL from Zapier (or anywhere): never Trending's API, so no API key goes with it.
  const res = await z.request({ url, method: 'GET', raw: true, skipThrowForStatus: true });
  if (res.status >= 400) {
    throw new z.errors.Error(
      `Could not download the image file (HTTP ${res.status}). Check the file mapped into Image File.`,
      'file_download_failed',
    );
  }
  const declared = Number(res.headers.get('content-length'));
  if (declared > REFERENCE_IMAGE_FILE.maxBytes) {
    throw new z.errors.Error(
      `The image file is ${declared} bytes; Trending accepts reference images up to ${MAX_IMAGE_MB} MB.`,
      'file_too_large',
    );
  }
  const data = await res.buffer();
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const disposition = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(res.headers.get('content-disposition') ?? '')?.[1];
  let fileName = decodeURIComponent(disposition ?? new URL(url).pathname.split('/').pop() ?? '') || 'reference';
  const extension = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  // Zapier's file URLs often carry no extension: the content type names the format instead.
  if (!TYPE_BY_EXTENSION[extension] && EXTENSION_BY_TYPE[contentType])
    fileName = `${fileName}.${EXTENSION_BY_TYPE[contentType]}`;
  const mimeType = EXTENSION_BY_TYPE[contentType]
    ? contentType
    : (TYPE_BY_EXTENSION[extension] ?? (contentType || 'application/octet-stream'));
  return { data: new Uint8Array(data), fileName, mimeType };
}

async function perform(z: ZObject, bundle: Bundle) {
  const file = text(bundle.inputData.file);
  const sourceUrl = text(bundle.inputData.source_url);
  const name = text(bundle.inputData.name);
  if ((file === undefined) === (sourceUrl === undefined)) {
    throw inputError(z, [`Fill in exactly one of Image File and ${SOURCE_URL_LABEL}.`]);
  }
  const client = clientFor(z, bundle);
  const answer = sourceUrl
    ? await client.uploadReferenceImage({ sourceUrl, name })
    : await client.uploadReferenceImage({ ...(await downloadFile(z, file!)), name });
  // The reference only says the answer carries "a new asset_id": accept it at the top level or wrapped in
  // `reference_image` (as the simulator answers, mirroring the list endpoint's items).
  const image = (isRecord(answer.reference_image) ? answer.reference_image : answer) as Record<string, unknown>;
  return {
    id: image.asset_id ?? null,
    asset_id: image.asset_id ?? null,
    name: typeof image.name === 'string' ? image.name : (name ?? null),
    image_url: typeof image.image_url === 'string' ? image.image_url : null,
    alias_suggestion: typeof image.alias_suggestion === 'string' ? image.alias_suggestion : null,
    request_id: answer.request_id ?? null,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const uploadReferenceImage = defineCreate({
  key: 'upload_story_reference_image',
  noun: 'Reference Image',
  display: {
    label: 'Upload Story Reference Image',
    description: `Uploads an image (${FORMATS}, up to ${MAX_IMAGE_MB} MB) that Story videos can follow, from a file or a direct HTTPS URL. Uploads cost no credits.`,
  },
  operation: {
    inputFields: [
      {
        key: 'file',
        label: 'Image File',
        type: 'file',
        required: false,
        helpText: `A ${FORMATS} file from an earlier step, up to ${MAX_IMAGE_MB} MB. Fill in this or ${SOURCE_URL_LABEL}, not both.`,
      },
      helperField(REFERENCE_IMAGE_URL_FIELDS, 'source_url', {
        required: false,
        note: 'Trending downloads it. Fill in this or Image File.',
      }),
      helperField(REFERENCE_IMAGE_FIELDS, 'name'),
    ],
    perform: guard(perform),
    sample: {
      id: 501,
      asset_id: 501,
      name: 'Team logo',
      image_url: 'https://trending.com/studio/assets/references/501.png',
      alias_suggestion: 'team_logo',
      request_id: 'req_3f9d2c1b',
    },
    outputFields: [
      { key: 'id', label: 'ID', type: 'integer' },
      { key: 'asset_id', label: 'Asset ID', type: 'integer' },
      { key: 'name', label: 'Name', type: 'string' },
      { key: 'image_url', label: 'Image URL', type: 'string' },
      { key: 'alias_suggestion', label: 'Alias Suggestion', type: 'string' },
      { key: 'request_id', label: 'Request ID', type: 'string' },
    ],
  },
});
