import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { TEMPLATE_IDS } from '../core';

/** Each operation file exports its parameters (already scoped by displayOptions) and what it does for one item. */
export interface OperationModule {
  description: INodeProperties[];
  execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
}

export const TEMPLATE_RESOURCES: string[] = [...TEMPLATE_IDS];

export function videoIdProperty(resources: string[], operations: string[]): INodeProperties {
  return {
    displayName: 'Video ID',
    name: 'videoId',
    type: 'string',
    required: true,
    default: '',
    placeholder: '12345',
    description:
      'The video_id returned when the video was created (a video belongs to the template it was created with)',
    displayOptions: { show: { resource: resources, operation: operations } },
  };
}

export function readVideoId(ctx: IExecuteFunctions, itemIndex: number): string {
  return String(ctx.getNodeParameter('videoId', itemIndex) ?? '').trim();
}

export function binaryPropertyProperty(
  show: Record<string, Array<string | boolean>>,
  description = 'Name of the binary property to put the MP4 in',
): INodeProperties {
  return {
    displayName: 'Put Output File in Field',
    name: 'binaryPropertyName',
    type: 'string',
    default: 'data',
    required: true,
    hint: 'The name of the output binary field to put the file in',
    description,
    displayOptions: { show },
  };
}
