/**
 * Core's TrendingError becomes n8n's NodeApiError (the API answered) or NodeOperationError (nothing was sent, or the
 * wait ran out), keeping the API's code and request_id and core's actionable hint. Core has already scrubbed secrets.
 */
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
  classifyError,
  fieldLine,
  isTrendingError,
  runProgress,
  withoutCredentials,
  type FieldError,
  type TrendingError,
} from '../core';

/** At most this many field lines: a body refused for dozens of fields needs the first few fixed first. */
const MAX_FIELD_LINES = 20;

/** A field as the node names it: the parameter's display name (the catalogue's label), and which item of a list. */
function parameterName(field: FieldError): string {
  const name = field.label ?? field.path;
  return field.label !== undefined && field.itemNumber !== undefined ? `${name} (item ${field.itemNumber})` : name;
}

interface NodeWords {
  message: string;
  hint: string;
  /** The API's field-level refusals, one line per field; core's own refusals are already in the message. */
  fields: string[];
}

/** Core's classification in n8n's words: parameters by display name, operations by the names the node shows. */
function inNodeWords(error: TrendingError): NodeWords {
  const classified = classifyError(error);
  switch (classified.kind) {
    case 'validation': {
      const fields = classified.sent ? classified.fields.slice(0, MAX_FIELD_LINES) : [];
      if (fields.length === 0) return { message: error.message, hint: error.hint, fields: [] };
      return {
        message: error.message,
        hint: 'Trending refused these parameters; correct them and run the node again:',
        fields: fields.map((field) => fieldLine(field, parameterName(field))),
      };
    }
    case 'wait_timeout': {
      const video = classified.videoId ?? '(unknown id)';
      const where = classified.lastStatus ? runProgress(classified.lastStatus) : 'not finished';
      const waited = classified.waitedSeconds === undefined ? '' : ` after ${classified.waitedSeconds} s`;
      return {
        message: `Video ${video} is still ${where}${waited}.`,
        hint: `Trending keeps rendering the video in the background: run the Get operation with Video ID ${video} later, or turn on Send Webhook to be told when it ends.`,
        fields: [],
      };
    }
    default:
      return { message: error.message, hint: error.hint, fields: [] };
  }
}

function describe(error: TrendingError, words: NodeWords): string {
  const parts = [words.hint, ...words.fields.map((line) => `${line}.`)];
  if (error.requestId) parts.push(`Request ID: ${error.requestId} (look it up at /dashboard/developer/api-logs).`);
  return parts.filter(Boolean).join(' ');
}

/** What continueOnFail puts in the item, and what the error's details carry. */
export function errorJson(error: unknown): IDataObject {
  if (isTrendingError(error)) {
    const words = inNodeWords(error);
    const out: IDataObject = { code: error.code, message: words.message, hint: words.hint };
    if (words.fields.length > 0) out.field_errors = words.fields;
    if (error.status !== undefined) out.status = error.status;
    if (error.requestId !== undefined) out.request_id = error.requestId;
    // The API's error details as sent, minus credential-named keys (an API may repeat the request back in them).
    if (error.details !== undefined) out.details = withoutCredentials(error.details) as IDataObject;
    if (error.retryAfterSeconds !== undefined) out.retry_after_seconds = error.retryAfterSeconds;
    return out;
  }
  if (error instanceof NodeApiError || error instanceof NodeOperationError) {
    const out: IDataObject = { code: 'node_error', message: error.message };
    if (error.description) out.hint = error.description;
    const context = error.context as IDataObject | undefined;
    if (context?.trending) Object.assign(out, context.trending as IDataObject);
    return out;
  }
  return { code: 'node_error', message: error instanceof Error ? error.message : String(error) };
}

export function toNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
  if (error instanceof NodeApiError || error instanceof NodeOperationError) {
    if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
    return error;
  }
  if (isTrendingError(error)) {
    const trending = errorJson(error);
    const words = inNodeWords(error);
    if (error.status !== undefined) {
      const apiError = new NodeApiError(node, trending as JsonObject, {
        message: `${words.message} [${error.code}]`,
        description: describe(error, words),
        httpCode: String(error.status),
        itemIndex,
      });
      apiError.context.trending = trending;
      return apiError;
    }
    const operationError = new NodeOperationError(node, `${words.message} [${error.code}]`, {
      description: describe(error, words),
      itemIndex,
    });
    operationError.context.trending = trending;
    return operationError;
  }
  if (error instanceof Error) return new NodeOperationError(node, error.message, { itemIndex });
  return new NodeOperationError(node, String(error), { itemIndex });
}
