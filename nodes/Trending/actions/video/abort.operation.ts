import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { TemplateId } from '../../core';
import { statusJson } from '../../helpers/output';
import { apiClient } from '../../transport';
import { TEMPLATE_RESOURCES, readVideoId, videoIdProperty, type OperationOption } from '../shared';

export function option(label: string): OperationOption {
  return {
    name: 'Abort',
    value: 'abort',
    description: `Cancel an active ${label} run`,
    action: `Abort a ${label.toLowerCase()} video`,
  };
}

export const description: INodeProperties[] = [videoIdProperty(TEMPLATE_RESOURCES, ['abort'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
  const template = this.getNodeParameter('resource', itemIndex) as TemplateId;
  const videoId = readVideoId(this, itemIndex);
  const client = await apiClient(this, itemIndex);
  const response = await client.abortVideo(template, videoId, { signal: this.getExecutionCancelSignal() });
  return [
    {
      json: { video_id: Number(videoId) || videoId, ...statusJson(template, response) },
    },
  ];
}
