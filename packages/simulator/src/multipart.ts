/**
 * Streams a multipart/form-data upload through busboy, keeping only what the simulator needs: the text fields, the
 * file's name/type/size, its first bytes (for the container probe) and, for small files, the bytes themselves. A
 * 200 MB clip therefore never sits in memory, and an oversized file is detected without buffering it.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { fieldError } from './errors';

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
    const fields: Record<string, string> = {};
    let file: UploadedFile | null = null;
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
    parser.on('error', () => reject(fieldError('file', 'The multipart body could not be parsed.')));
    parser.on('close', () => resolve({ fields, file }));
    req.pipe(parser);
  });
}
