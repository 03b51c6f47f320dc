/**
 * multipart/form-data built as bytes once, so every retry of an upload sends exactly the same body (RFC 7578).
 */
import { randomBytes } from 'node:crypto';

export type MultipartPart =
  { name: string; value: string } | { name: string; data: Uint8Array; fileName: string; contentType: string };

export interface MultipartBody {
  body: Uint8Array;
  /** `multipart/form-data; boundary=...`, for the content-type header. */
  contentType: string;
}

const CRLF = '\r\n';

export function buildMultipart(parts: readonly MultipartPart[], boundary?: string): MultipartBody {
  const chosen = boundary ?? `----trending${randomBytes(16).toString('hex')}`;
  // RFC 2046 boundary alphabet; anything else could end the part early or break the header.
  if (!/^[0-9A-Za-z'()+_,\-./:=?]{1,70}$/.test(chosen)) throw new TypeError('invalid multipart boundary');
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    let head = `--${chosen}${CRLF}Content-Disposition: form-data; name="${quote(part.name)}"`;
    if ('data' in part) {
      head += `; filename="${quote(part.fileName)}"${CRLF}Content-Type: ${headerValue(part.contentType)}`;
    }
    chunks.push(encoder.encode(`${head}${CRLF}${CRLF}`));
    chunks.push('data' in part ? part.data : encoder.encode(part.value));
    chunks.push(encoder.encode(CRLF));
  }
  chunks.push(encoder.encode(`--${chosen}--${CRLF}`));
  return { body: concat(chunks), contentType: `multipart/form-data; boundary=${chosen}` };
}

/** The WHATWG form-data escaping of names and file names inside a quoted header parameter. */
function quote(text: string): string {
  return text.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

function headerValue(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(text)) throw new TypeError('content type must not contain control characters');
  return text;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
