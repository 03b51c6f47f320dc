/**
 * Short-lived signed render download URLs, served by the simulator itself with a real MP4. The signature is an HMAC
 * with a key only the simulator knows, so a URL cannot be forged or extended; no API key is needed (or looked at).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from './errors';

/** Resolves from src/ (tests) and dist/ (built) alike. */
export const SAMPLE_MP4_PATH = join(__dirname, '..', 'assets', 'sample.mp4');

let sample: Buffer | undefined;
export function sampleMp4(): Buffer {
  sample ??= readFileSync(SAMPLE_MP4_PATH);
  return sample;
}

/** The smallest valid PNG (1x1, transparent): what the simulator serves for every generated image URL. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export function renderPath(renderJobId: number): string {
  return `/studio/renders/${renderJobId}/download`;
}

function sign(key: string, renderJobId: number, expires: number): string {
  return createHmac('sha256', key).update(`${renderJobId}.${expires}`).digest('hex');
}

export function signedRenderUrl(baseUrl: string, key: string, renderJobId: number, expiresUnix: number): string {
  const signature = sign(key, renderJobId, expiresUnix);
  return `${baseUrl}${renderPath(renderJobId)}?expires=${expiresUnix}&signature=${signature}`;
}

/** Throws 403 for a missing or tampered signature, 410 for an expired one (checked after the signature). */
export function verifyRenderUrl(key: string, renderJobId: number, query: URLSearchParams, nowUnix: number): void {
  const expiresRaw = query.get('expires') ?? '';
  const given = query.get('signature') ?? '';
  const expires = /^[0-9]{1,12}$/.test(expiresRaw) ? Number(expiresRaw) : NaN;
  const expected = Number.isFinite(expires) ? sign(key, renderJobId, expires) : '';
  const ok =
    expected !== '' && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if (!ok) {
    throw new ApiError(
      403,
      'invalid_render_signature',
      'This render URL is not valid. Fetch a fresh render_url by polling the video.',
    );
  }
  if (nowUnix > expires) {
    throw new ApiError(
      410,
      'render_url_expired',
      'This render URL has expired. Fetch a fresh render_url by polling the video.',
      {
        expired_at: new Date(expires * 1000).toISOString(),
      },
    );
  }
}
