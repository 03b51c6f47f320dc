/**
 * Core's TrendingError becomes n8n's NodeApiError (the API answered) or NodeOperationError (nothing was sent, or the
 * wait ran out), keeping the API's code and request_id and core's actionable hint. Core has already scrubbed secrets.
 */
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isTrendingError, withoutCredentials, type TrendingError } from '../core';

/** Field-level details of a 422 (`{ "script.images_requested": "..." }`) as one line each. */
function detailLines(details: unknown): string[] {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return [];
  const record = details as Record<string, unknown>;
  if (Array.isArray(record.violations)) return [];
  return Object.entries(record)
    .filter(
      ([, value]) => typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')),
    )
    .slice(0, 20)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join('; ') : String(value)}`);
}

function describe(error: TrendingError): string {
  const parts = [error.hint];
  if (error.code === 'validation_failed' || error.status === 422) parts.push(...detailLines(error.details));
  if (error.requestId) parts.push(`Request ID: ${error.requestId} (look it up at /dashboard/developer/api-logs).`);
  return parts.filter(Boolean).join(' ');
}

/** What continueOnFail puts in the item, and what the error's details carry. */
export function errorJson(error: unknown): IDataObject {
  if (isTrendingError(error)) {
    const out: IDataObject = { code: error.code, message: error.message, hint: error.hint };
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
    if (error.status !== undefined) {
      const apiError = new NodeApiError(node, trending as JsonObject, {
        message: `${error.message} [${error.code}]`,
        description: describe(error),
        httpCode: String(error.status),
        itemIndex,
      });
      apiError.context.trending = trending;
      return apiError;
    }
    const operationError = new NodeOperationError(node, `${error.message} [${error.code}]`, {
      description: describe(error),
      itemIndex,
    });
    operationError.context.trending = trending;
    return operationError;
  }
  if (error instanceof Error) return new NodeOperationError(node, error.message, { itemIndex });
  return new NodeOperationError(node, String(error), { itemIndex });
}
