import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { TemplateId } from '../../core';
import { downloadRender } from '../../helpers/download';
import { idempotencyKeyFor } from '../../helpers/idempotency';
import { statusJson } from '../../helpers/output';
import { apiClient } from '../../transport';
import { TEMPLATE_RESOURCES, readVideoId, videoIdProperty, type OperationOption } from '../shared';
import { optionsProperty, readVideoOptions, waitAndDownloadProperties } from './common';

export function option(label: string): OperationOption {
  return {
    name: 'Render',
    value: 'render',
    description: `Render a preview-only ${label} video into the final MP4`,
    action: `Render a ${label.toLowerCase()} video`,
  };
}

export const description: INodeProperties[] = [
  videoIdProperty(TEMPLATE_RESOURCES, ['render']),
  ...waitAndDownloadProperties('render'),
  optionsProperty('render'),
];

/**
 * Render a preview (preview_only) video. Waiting for a render is by polling: the video's webhook was fixed when it was
 * created, so a render cannot point it at this execution.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
  const template = this.getNodeParameter('resource', itemIndex) as TemplateId;
  const videoId = readVideoId(this, itemIndex);
  const options = readVideoOptions(this, itemIndex);
  const signal = this.getExecutionCancelSignal();
  const client = await apiClient(this, itemIndex);
  // The video is part of the operation: one custom value (a campaign id) mapped onto renders of several videos must
  // not hand every video after the first the first one's render.
  const idempotencyKey = idempotencyKeyFor(this, itemIndex, `render:${template}:${videoId}`, options.idempotencyKey);
  const response = await client.renderVideo(template, videoId, { idempotencyKey, signal });
  if (options.waitMode === 'none') {
    return [
      {
        json: {
          video_id: Number(videoId) || videoId,
          ...statusJson(template, response),
          idempotency_key: idempotencyKey,
        },
      },
    ];
  }
  const status = await client.waitForCompletion(template, videoId, { timeoutMs: options.waitTimeoutMs, signal });
  const item: INodeExecutionData = { json: statusJson(template, status) };
  if (options.download) {
    item.binary = { [options.binaryPropertyName]: await downloadRender(this, client, template, videoId) };
  }
  return [item];
}
