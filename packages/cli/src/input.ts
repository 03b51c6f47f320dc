/**
 * Reading a file argument or `-` (stdin) as the exact bytes given. Signatures are over bytes, so nothing here decodes,
 * re-encodes or strips a trailing newline.
 */
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UsageError } from './errors';

export async function readBytes(source: string, stdin: Readable = process.stdin): Promise<Buffer> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(source);
  } catch (error) {
    throw new UsageError(`Cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** A JSON object from a file or stdin, e.g. `--body request.json`. */
export async function readJsonObject(source: string, what: string): Promise<Record<string, unknown>> {
  const text = (await readBytes(source)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} (${source}) is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${what} (${source}) must be a JSON object`);
  }
  return parsed as Record<string, unknown>;
}
