import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { TEMPLATE_IDS } from '../core';
import { isPlainObject } from '../helpers/parameters';

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

/** A list answer as one item per entry, each paired with the input item. */
export function toItems(values: readonly unknown[], itemIndex: number): INodeExecutionData[] {
  return values.map((value) => ({
    json: (isPlainObject(value) ? value : { value }) as IDataObject,
    pairedItem: { item: itemIndex },
  }));
}

/** The Idempotency Key option of Create, Render and Start Video (see helpers/idempotency.ts). */
export const idempotencyKeyOption: INodeProperties = {
  displayName: 'Idempotency Key',
  name: 'idempotencyKey',
  type: 'string',
  default: '',
  placeholder: '={{ $json.row_number }}',
  description:
    'Leave empty for an automatic key: the same when n8n retries this node (Retry on Fail) or retries a failed execution from the executions list, new for each run of the node (each Loop Over Items batch) and each new execution. Set an expression such as a sheet row ID to make one video per row, safe across runs, executions and retries.',
};
