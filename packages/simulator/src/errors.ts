/**
 * The API's error envelope: `{ request_id, error: { code, message, details } }`. Handlers throw ApiError and the
 * server turns it into that envelope, so no route spells the shape itself.
 */
import type { Violation } from './rules/rule';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** `details` maps each field path to its messages, as the reference's "field-level messages" describe. */
export function validationFailed(violations: readonly Violation[]): ApiError {
  const details: Record<string, string[]> = {};
  for (const v of violations) (details[v.path || 'body'] ??= []).push(v.message);
  return new ApiError(422, 'validation_failed', 'The request has invalid fields; see error.details.', details);
}

export function fieldError(path: string, message: string): ApiError {
  return validationFailed([{ path, message }]);
}

export function notFound(what: string, code = 'not_found'): ApiError {
  return new ApiError(404, code, `${what} was not found.`);
}

export function videoNotFound(): ApiError {
  return notFound('The video', 'video_not_found');
}

/**
 * The reference says to wait a minute during maintenance: a minute of API time, so a client that honours Retry-After
 * waits 0.6 s at speed 100 instead of stalling a test for a real minute.
 */
export function maintenanceRetryAfter(speed: number): Record<string, string> {
  return { 'retry-after': String(Math.max(1, Math.ceil(60 / speed))) };
}

/**
 * The client went away (disconnected or half-closed) before its request was read to the end: there is nobody to
 * answer. Not an error of the simulator, so it is recorded in the request log and never printed.
 */
export class ClientGone extends Error {
  constructor() {
    super('The client disconnected before the request body was complete.');
  }
}
