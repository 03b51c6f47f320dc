/**
 * What several operations share: idempotency keys, the render download, JSON parameters, list outputs.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

import {
  deriveIdempotencyKey,
  isValidIdempotencyKey,
  TrendingError,
  type TemplateId,
  type TrendingClient,
} from '../core';

/**
 * The Idempotency-Key of one item's create/render/trigger. Automatic: derived from workflow id, execution id, node
 * name, operation and item index, so n8n's Retry on Fail (same execution) sends the same key and gets the same video
 * back, while a new execution makes a new video. Custom (an expression such as a sheet row id): derived from workflow
 * id, node name, operation and that value, so re-running the workflow for the same row never makes a second video.
 */
export function idempotencyKeyFor(
  ctx: IExecuteFunctions,
  itemIndex: number,
  operation: string,
  custom: unknown,
): string {
  const workflowId = ctx.getWorkflow().id ?? 'unsaved';
  const nodeName = ctx.getNode().name;
  if (custom !== undefined && custom !== null && String(custom).trim() !== '') {
    const value = String(custom).trim();
    if (!isValidIdempotencyKey(value)) {
      throw new NodeOperationError(ctx.getNode(), 'Idempotency Key must be 1 to 255 printable ASCII characters', {
        itemIndex,
      });
    }
    return deriveIdempotencyKey('n8n-custom', workflowId, nodeName, operation, value);
  }
  return deriveIdempotencyKey('n8n', workflowId, ctx.getExecutionId(), nodeName, operation, itemIndex);
}

/** A JSON parameter (object expected); empty means none. Names the parameter when the text is not JSON. */
export function jsonObjectParameter(
  ctx: IExecuteFunctions,
  name: string,
  label: string,
  itemIndex: number,
): IDataObject {
  const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
  if (raw === '' || raw === undefined || raw === null) return {};
  const value = typeof raw === 'string' ? jsonParse<unknown>(raw, { fallbackValue: Symbol.for('invalid') }) : raw;
  if (value === Symbol.for('invalid')) {
    throw new NodeOperationError(ctx.getNode(), `${label} is not valid JSON`, {
      itemIndex,
      description: 'Write a JSON object, for example {"script": {"images_requested": 12}}.',
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new NodeOperationError(ctx.getNode(), `${label} must be a JSON object`, { itemIndex });
  }
  return value as IDataObject;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The escape hatch wins over the fields, key by key, at any depth; core validates the result. */
export function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? deepMerge(out[key], value) : value;
  }
  return out;
}

export function toItems(values: readonly unknown[], itemIndex: number): INodeExecutionData[] {
  return values.map((value) => ({
    json: (isPlainObject(value) ? value : { value }) as IDataObject,
    pairedItem: { item: itemIndex },
  }));
}

export function fileNameFor(template: TemplateId, videoId: number | string): string {
  return `trending-${template}-${videoId}.mp4`;
}

interface StreamResponse {
  statusCode: number;
  body: unknown;
}

function discard(body: unknown): void {
  const stream = body as { destroy?: () => void; resume?: () => void } | undefined;
  if (typeof stream?.destroy === 'function') stream.destroy();
}

/**
 * The rendered MP4 as binary data: the render URL comes from a fresh status (it is short-lived), the file is streamed
 * (never held whole in memory by this node) and fetched WITHOUT the API key: it is a signed URL of its own. A URL that
 * expired between the status and the download is refreshed once.
 */
export async function downloadRender(
  ctx: IExecuteFunctions | IWebhookFunctions,
  client: TrendingClient,
  template: TemplateId,
  videoId: number | string,
): Promise<IBinaryData> {
  let lastStatus = 0;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const url = await client.freshRenderUrl(template, videoId);
    const response = (await ctx.helpers.httpRequest({
      url,
      method: 'GET',
      encoding: 'stream',
      returnFullResponse: true,
      ignoreHttpStatusErrors: true,
      timeout: 10 * 60 * 1000,
    })) as StreamResponse;
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return await ctx.helpers.prepareBinaryData(response.body as Buffer, fileNameFor(template, videoId), 'video/mp4');
    }
    discard(response.body);
    lastStatus = response.statusCode;
    if (![401, 403, 404, 410].includes(response.statusCode)) break;
  }
  throw new TrendingError({
    code: 'render_download_failed',
    message: `Downloading the render of video ${videoId} failed with HTTP ${lastStatus}, also with a fresh render URL.`,
    hint:
      lastStatus === 403 || lastStatus === 410
        ? 'The signed render URL was refused: the file may be past its retention window. Render the video again, then download it.'
        : 'Try again later; if it persists, contact Trending support with the video ID.',
    details: { video_id: videoId, template, http_status: lastStatus },
  });
}
