/**
 * The request context handed to routes and the helpers around raw bodies. Bodies are measured as raw bytes before
 * anything parses them, so the 3,145,728-byte cap is the reference's cap on the bytes sent, not on a decoded object.
 */
import type { IncomingMessage } from 'node:http';
import type { Account, Trigger } from './accounts';
import { ClientGone, fieldError } from './errors';
import type { Sim } from './sim';

export interface Ctx {
  sim: Sim;
  req: IncomingMessage;
  url: URL;
  path: string;
  params: Record<string, string>;
  requestId: string;
  account: Account | null;
  trigger: Trigger | null;
  /** Raw body bytes (routes that read a JSON body); empty for streamed (multipart) routes until they read it. */
  body: Buffer;
  /** Base URL for absolute links in answers. */
  base: string;
  isMcp: boolean;
}

export interface FileReply {
  data: Buffer;
  contentType: string;
  fileName?: string;
}

export interface Reply {
  status: number;
  json?: Record<string, unknown>;
  headers?: Record<string, string>;
  file?: FileReply;
}

export function ok(json: Record<string, unknown>, status = 200, headers?: Record<string, string>): Reply {
  return { status, json, ...(headers ? { headers } : {}) };
}

export function header(ctx: Ctx, name: string): string | undefined {
  const v = ctx.req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export interface RawBody {
  body: Buffer;
  size: number;
  tooLarge: boolean;
}

/**
 * Reads the whole body, keeping at most `limit` bytes: an oversized body is drained to its end (not buffered), so the
 * 413 reaches a client that is still sending instead of a reset connection. Rejects with ClientGone when the client
 * disconnects or half-closes before the body is complete.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<RawBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error: Error | null): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onClose);
      if (error) reject(error);
      else resolve({ body: size <= limit ? Buffer.concat(chunks) : Buffer.alloc(0), size, tooLarge: size > limit });
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    };
    const onEnd = (): void => done(null);
    const onGone = (): void => done(new ClientGone());
    const onClose = (): void => {
      if (!req.complete) onGone();
    };
    if (req.complete && req.readableEnded) {
      done(null);
      return;
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onClose);
  });
}

const parsed = new WeakMap<Ctx, Record<string, unknown>>();

/** The JSON object body; an empty body is `{}`. Anything else is 422 validation_failed. */
export function jsonBody(ctx: Ctx): Record<string, unknown> {
  const cached = parsed.get(ctx);
  if (cached) return cached;
  let value: unknown = {};
  if (ctx.body.length > 0) {
    try {
      value = JSON.parse(ctx.body.toString('utf8'));
    } catch {
      throw fieldError('body', 'The request body is not valid JSON.');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fieldError('body', 'The request body must be a JSON object.');
  }
  parsed.set(ctx, value as Record<string, unknown>);
  return value as Record<string, unknown>;
}

export function intParam(ctx: Ctx, name: string): number | null {
  const raw = ctx.params[name] ?? '';
  return /^[0-9]{1,12}$/.test(raw) ? Number(raw) : null;
}
