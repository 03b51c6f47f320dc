/**
 * Where core's TrendingError becomes the Zapier error class that makes Zapier do the right thing, with a message a Zap
 * user can act on. Core has already kept the API's envelope, added a hint and scrubbed the API key and body secrets;
 * this file picks the class, words the text, and scrubs once more for anything that did not come from core.
 */
import { isTrendingError, redact, type TrendingError, type Violation } from '@trending/core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { OUT_OF_TIME_RETRY_SECONDS, STEP_BUDGET_MS, StepOutOfTime, startStepBudget } from './budget';
import { inFieldWords } from './field-words';
import { messageFor, withoutEndpoints, zapierHint } from './hints';

export interface ErrorContext {
  /** Values that must never appear in a message (the API key, a callback secret). */
  secrets: readonly (string | undefined)[];
  /** The label a Zap user sees for a field path, when the failing request came from generated fields. */
  labelFor?: (path: string) => string | undefined;
}

type Perform<T> = (z: ZObject, bundle: Bundle) => Promise<T>;

/**
 * Every perform, performResume, hydrator and dropdown runs inside this, so no error escapes unmapped or unscrubbed
 * and no step outlives its time budget (budget.ts). `labels` names the fields of the request the step sends (it may
 * depend on the chosen template); `ifOutOfTime` says what a step that ran out of time may already have done, and why
 * running it again is safe.
 */
export function guard<T>(
  perform: Perform<T>,
  labels?: (bundle: Bundle) => ErrorContext['labelFor'],
  ifOutOfTime = '',
): Perform<T> {
  return async (z, bundle) => {
    const deadline = startStepBudget(bundle);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outOfTime = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StepOutOfTime()), deadline - Date.now());
    });
    try {
      return await Promise.race([perform(z, bundle), outOfTime]);
    } catch (error) {
      if (isOutOfTime(error)) {
        // Zapier's ThrottledError is its "try this step again later": the Zap run waits and Zapier runs the step again.
        throw new z.errors.ThrottledError(
          `Trending did not answer within the ${STEP_BUDGET_MS / 1000} seconds this step may take, so the step stopped; ` +
            `Zapier will run it again in about a minute. ${ifOutOfTime}`.trim(),
          OUT_OF_TIME_RETRY_SECONDS,
        );
      }
      throw toZapierError(z, error, { secrets: [bundle.authData?.api_key], labelFor: labels?.(bundle) });
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The step's budget ran out, or every attempt timed out (core's `timeout`), before the API answered. */
function isOutOfTime(error: unknown): boolean {
  return error instanceof StepOutOfTime || (isTrendingError(error) && error.code === 'timeout');
}

export function toZapierError(z: ZObject, error: unknown, context: ErrorContext): Error {
  if (!isTrendingError(error)) return scrubbed(z, error, context.secrets);
  const text = redact(describe(error, context.labelFor), context.secrets);
  if (error.status === 401 || error.code === 'invalid_api_key' || error.code === 'missing_api_key') {
    // Custom (API key) auth has nothing to refresh: ExpiredAuthError marks the connection for the user to reconnect.
    return new z.errors.ExpiredAuthError(text);
  }
  if (error.status === 429 || error.code === 'rate_limited') {
    return new z.errors.ThrottledError(text, error.retryAfterSeconds);
  }
  if (error.status === 402 || error.code.startsWith('membership_')) {
    // Retrying cannot help until the account changes: halt the Zap with core's hint instead of erroring repeatedly.
    return new z.errors.HaltedError(text);
  }
  return new z.errors.Error(text, error.code, error.status);
}

/** Message, the field-level messages of a validation failure, the hint, and the request ID for support. */
function describe(error: TrendingError, labelFor: ErrorContext['labelFor']): string {
  const fields = error.code === 'validation_failed' ? fieldMessages(error.details, labelFor) : [];
  // Core's local validation message already lists the violations, which are listed below with their labels instead.
  // The field lines below replace the message, which points at the API's details or lists raw paths.
  const message = fields.length > 0 ? 'Some fields cannot be used as they are:' : messageFor(error);
  const parts = [message];
  if (fields.length > 0) parts.push(fields.map((line) => `- ${line}`).join('\n'));
  parts.push(zapierHint(error));
  if (error.requestId) parts.push(`(Trending request ID: ${error.requestId})`);
  return parts.join('\n');
}

function hasViolations(details: unknown): details is { violations: Violation[] } {
  return isRecord(details) && Array.isArray(details.violations);
}

/**
 * Core's local validation carries `{ violations: [{ path, message }] }`; the API's 422 carries `{ path: [messages] }`.
 * Both name the field as it is labelled in the Zap editor: core's messages with the label in place of the path, the
 * API's as "Label: message" lines.
 */
export function fieldMessages(details: unknown, labelFor: ErrorContext['labelFor']): string[] {
  const named = (path: string, message: string): string => {
    // Item positions (`.0`, `[0]`) are dropped to find the field: `script.reference_images[0]` is Reference Images.
    const label = labelFor?.(path.replace(/\[\d+\]|\.\d+(?=\.|$)/g, ''));
    return label ? `${label}: ${message}` : message;
  };
  if (hasViolations(details)) {
    // Core's own messages start with the path: in field words they read "Slides must be 8 to 30".
    return details.violations.map((v) =>
      v.path !== '' && v.message.includes(v.path) && labelFor?.(v.path.replace(/\[\d+\]|\.\d+(?=\.|$)/g, ''))
        ? inFieldWords(v.message, v.path, labelFor)
        : named(v.path, v.message),
    );
  }
  if (!isRecord(details)) return [];
  const lines: string[] = [];
  for (const [path, messages] of Object.entries(details)) {
    const list = Array.isArray(messages) ? messages : [messages];
    for (const message of list) if (typeof message === 'string') lines.push(named(path, withoutEndpoints(message)));
  }
  return lines;
}

/** Anything that is not a TrendingError (a bad input, a Zapier or network error) keeps its class, minus secrets. */
function scrubbed(z: ZObject, error: unknown, secrets: ErrorContext['secrets']): Error {
  if (!(error instanceof Error)) return new z.errors.Error(redact(String(error), secrets), 'unexpected_error');
  const message = redact(error.message, secrets);
  if (message === error.message) return error;
  error.message = message;
  return error;
}

/** A problem with what the user typed or mapped: nothing was sent. */
export function inputError(z: ZObject, problems: readonly string[]): Error {
  return new z.errors.Error(
    `Some fields cannot be used as they are:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    'invalid_input',
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
