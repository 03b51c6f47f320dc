/**
 * Streams a multipart/form-data upload through busboy, keeping only what the simulator needs: the text fields, the
 * file's name/type/size, its first bytes (for the container probe) and, for small files, the bytes themselves. A
 * 200 MB clip therefore never sits in memory, and an oversized file is detected without buffering it.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { ClientGone, fieldError } from './errors';

const HEAD_BYTES = 64;

export interface UploadedFile {
  fileName: string;
  mimeType: string;
  size: number;
  head: Buffer;
  /** Only when `keepBytes` and the file was within the limit. */
  data: Buffer | null;
  tooLarge: boolean;
}

export interface MultipartBody {
  fields: Record<string, string>;
  file: UploadedFile | null;
}

export function isMultipart(req: IncomingMessage): boolean {
  return /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
}

/**
 * Parses the upload. Survives every malformed or abandoned body: a body that ends before its closing boundary, no or
 * a broken boundary, or garbage is 422 (field `file`); a client that disconnects mid-body rejects with ClientGone.
 * Settles exactly once, and detaches from the request so the server can drain whatever is left.
 */
export function readMultipart(req: IncomingMessage, maxFileBytes: number, keepBytes: boolean): Promise<MultipartBody> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: maxFileBytes + 1, fields: 20, fieldSize: 64 * 1024 },
      });
    } catch {
      reject(fieldError('file', 'Send multipart/form-data with one file field named "file".'));
      return;
    }
    // No prototype: a field named __proto__ or constructor is just a field.
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    let file: UploadedFile | null = null;
    let settled = false;
    const settle = (outcome: { value: MultipartBody } | { error: Error }): void => {
      if (settled) return;
      settled = true;
      req.off('close', onClose);
      req.off('error', onGone);
      req.unpipe(parser);
      if ('error' in outcome) {
        parser.destroy();
        reject(outcome.error);
      } else resolve(outcome.value);
    };
    const onGone = (): void => settle({ error: new ClientGone() });
    const onClose = (): void => {
      if (!req.complete) onGone();
    };
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      const current: UploadedFile = {
        fileName: info.filename ?? '',
        mimeType: info.mimeType,
        size: 0,
        head: Buffer.alloc(0),
        data: null,
        tooLarge: false,
      };
      file ??= current;
      // busboy fails the file stream too when the body breaks off (its parser error below is the one we answer);
      // without a listener that second error would be thrown and take the process down.
      stream.on('error', () => undefined);
      stream.on('data', (chunk: Buffer) => {
        if (current.head.length < HEAD_BYTES)
          current.head = Buffer.concat([current.head, chunk]).subarray(0, HEAD_BYTES);
        current.size += chunk.length;
        if (keepBytes) chunks.push(chunk);
      });
      // busboy stops at the limit, so it is one byte above the cap: reaching it means the file is too large.
      stream.on('limit', () => {
        current.tooLarge = true;
      });
      stream.on('end', () => {
        if (keepBytes && !current.tooLarge) current.data = Buffer.concat(chunks);
      });
    });
    // Broken content (answered at once; the server drains the rest of the body), or a body that ended early.
    parser.on('error', (e: Error) => {
      const reason = /unexpected end/i.test(e.message)
        ? 'The multipart body ends before its closing boundary.'
        : 'The multipart body could not be parsed.';
      settle({ error: fieldError('file', reason) });
    });
    parser.on('close', () => settle({ value: { fields, file } }));
    req.on('close', onClose);
    req.on('error', onGone);
    req.pipe(parser);
  });
}
