/**
 * Where core's TrendingError becomes the Zapier error class that makes Zapier do the right thing, with a message a Zap
 * user can act on. Core has already kept the API's envelope, added a hint and scrubbed the API key and body secrets;
 * this file picks the class, words the text, and scrubs once more for anything that did not come from core.
 */
import {
  classifyError,
  fieldLine,
  isTrendingError,
  redact,
  withoutEndpoints,
  type FieldError,
  type TrendingError,
} from '@trending/core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { OUT_OF_TIME_RETRY_SECONDS, STEP_BUDGET_MS, StepOutOfTime, startStepBudget } from './budget';
import { inFieldWords } from './field-words';
import { messageFor, zapierHint } from './hints';

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
  const classified = classifyError(error);
  const fields = classified.kind === 'validation' ? fieldMessages(classified.fields, labelFor) : [];
  // Core's local validation message already lists the violations, which are listed below with their labels instead.
  // The field lines below replace the message, which points at the API's details or lists raw paths.
  const message = fields.length > 0 ? 'Some fields cannot be used as they are:' : messageFor(error);
  const parts = [message];
  if (fields.length > 0) parts.push(fields.map((line) => `- ${line}`).join('\n'));
  parts.push(zapierHint(error));
  if (error.requestId) parts.push(`(Trending request ID: ${error.requestId})`);
  return parts.join('\n');
}

/**
 * Core's field errors (its own refusal's or the API's 422's) named as the Zap editor labels the fields: this step's
 * labels first, then the catalogue's. Core's own messages name other fields by path too ("... only when
 * script.voice_format is dialogue"), so every path in them becomes a label; the API's read "Label: message".
 */
export function fieldMessages(fields: readonly FieldError[], labelFor: ErrorContext['labelFor']): string[] {
  return fields.map((field) => {
    if (field.path !== '' && field.message.includes(field.path) && labelFor?.(field.fieldPath)) {
      // "Slides must be 8 to 30", with an item's position counted from 1.
      return inFieldWords(withoutEndpoints(field.message), field.path, labelFor);
    }
    const label = labelFor?.(field.fieldPath) ?? field.label;
    return label ? fieldLine(field, label) : withoutEndpoints(field.message);
  });
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
