/**
 * Core's TrendingError becomes n8n's NodeApiError (the API answered) or NodeOperationError (nothing was sent, or the
 * wait ran out), keeping the API's code and request_id and core's actionable hint. Core has already scrubbed secrets.
 */
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { classifyError, fieldLine, isTrendingError, withoutCredentials, TrendingError, type FieldError } from '../core';

/** At most this many field lines: a body refused for dozens of fields needs the first few fixed first. */
const MAX_FIELD_LINES = 20;

/** A field as the node names it: the parameter's display name (the catalogue's label), and which item of a list. */
function parameterName(field: FieldError): string {
  const name = field.label ?? field.path;
  return field.label !== undefined && field.itemNumber !== undefined ? `${name} (item ${field.itemNumber})` : name;
}

/**
 * Core's hints that send the reader to an endpoint, a header or a JSON path, in the node's words: its operations and
 * parameters. Every other code keeps core's hint.
 */
const NODE_HINTS: Record<string, string> = {
  insufficient_credits:
    "Add credits at https://trending.com/dashboard/billing or lower the cost (fewer slides, or Preview Only on); the Account resource's Estimate Cost operation quotes a video before you create it.",
  membership_api_required:
    "Your Trending plan does not include API access: upgrade it. The Account resource's Check Readiness operation shows what is missing.",
  idempotency_required:
    'Trending asked for an Idempotency Key: set one in the Idempotency Key option, or leave it empty for an automatic one.',
  script_version_conflict:
    'Someone else changed the script since it was read: run Get Script again, re-apply your edits, and save with its new ETag (or its updated_at as Expected Updated At).',
  audio_locked:
    'Narration is already attached to this script: turn on Reset Audio to save the edit (the narration is made again).',
  invalid_background_folder_id:
    "The folder ID is not one of your Library folders: pick one from the list (the Library resource's List Folders operation shows them), or leave it empty.",
  invalid_library_folder_id:
    "The folder ID is not one of your Library folders: pick one from the list (the Library resource's List Folders operation shows them), or leave it empty.",
  background_folder_underfilled:
    "The background folder has too few usable clips: add clips, pick another folder, or allow auto-fill; the Library resource's Check Folder Coverage operation checks a folder before you create.",
  render_failed:
    'Run the Render operation again (with a new Idempotency Key); if it fails again, contact Trending support with the request ID.',
  render_not_available:
    'The video was created with Preview Only and has no final render: run the Render operation first.',
  render_not_ready: 'Wait for the video to complete (the Get operation shows where it is), then try again.',
  render_expired: 'The rendered file is past its retention window: run the Render operation again to get a new file.',
};

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
      if (fields.length === 0) return { message: error.message, hint: nodeHint(error), fields: [] };
      return {
        message: error.message,
        hint: 'Trending refused these parameters; correct them and run the node again:',
        fields: fields.map((field) => fieldLine(field, parameterName(field))),
      };
    }
    case 'wait_timeout': {
      // Core's message states the facts (progress, seconds waited); the node words how to pick the video up.
      const video = classified.videoId ?? '(unknown id)';
      return {
        message: error.message,
        hint: `Trending keeps rendering the video in the background: run the Get operation with Video ID ${video} later, or turn on Send Webhook to be told when it ends.`,
        fields: [],
      };
    }
    default:
      return { message: error.message, hint: nodeHint(error), fields: [] };
  }
}

/** The node's words for core's own hint; a hint given with the error (the API's, or a face's) is kept. */
function nodeHint(error: TrendingError): string {
  const own = NODE_HINTS[error.code];
  return own !== undefined && error.hint === new TrendingError({ code: error.code, message: '' }).hint
    ? own
    : error.hint;
}

function describe(error: TrendingError, words: NodeWords): string {
  const parts = [words.hint, ...words.fields.map((line) => `${line}.`)];
  if (error.requestId) parts.push(`Request ID: ${error.requestId} (look it up at /dashboard/developer/api-logs).`);
  return parts.filter(Boolean).join(' ');
}

/** A Trending error's item JSON, from its words (classified once by the caller). */
function trendingJson(error: TrendingError, words: NodeWords): IDataObject {
  const out: IDataObject = { code: error.code, message: words.message, hint: words.hint };
  if (words.fields.length > 0) out.field_errors = words.fields;
  if (error.status !== undefined) out.status = error.status;
  if (error.requestId !== undefined) out.request_id = error.requestId;
  // The API's error details as sent, minus credential-named keys (an API may repeat the request back in them).
  if (error.details !== undefined) out.details = withoutCredentials(error.details) as IDataObject;
  if (error.retryAfterSeconds !== undefined) out.retry_after_seconds = error.retryAfterSeconds;
  return out;
}

/** What continueOnFail puts in the item, and what the error's details carry. */
export function errorJson(error: unknown): IDataObject {
  if (isTrendingError(error)) return trendingJson(error, inNodeWords(error));
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
    const words = inNodeWords(error);
    const trending = trendingJson(error, words);
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
