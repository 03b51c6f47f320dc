import type {
  IDataObject,
  IDisplayOptions,
  IExecuteFunctions,
  INodeExecutionData,
  INodeProperties,
  INodePropertyOptions,
} from 'n8n-workflow';

import { TEMPLATE_IDS } from '../core';
import { isPlainObject } from '../helpers/parameters';

/** An entry of a resource's Operation dropdown: what the user picks and what an AI agent reads. */
export type OperationOption = INodePropertyOptions & { action: string; description: string };

/**
 * One operation, registered once: its entry in the Operation dropdown, its parameters (already scoped by
 * displayOptions) and what it does for one item. The router pairs its output with the item.
 */
export interface OperationModule {
  option: OperationOption;
  description: INodeProperties[];
  /** Whether it reads the Video ID parameter its resource declares once for all such operations. */
  takesVideoId?: boolean;
  execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
}

/** An operation that handles all items in one call (Create: a shared rate gate, one park) and pairs them itself. */
export interface BatchOperationModule {
  option: OperationOption;
  description: INodeProperties[];
  executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[][]>;
}

export type Operation = OperationModule | BatchOperationModule;

/**
 * A resource: its entry in the Resource dropdown, its operations, and their parameters (a template's Create, Get,
 * Render and Abort parameters are declared once for all templates, in resources.ts).
 */
export interface ResourceModule {
  option: INodePropertyOptions;
  defaultOperation: string;
  operations: Operation[];
  parameters: INodeProperties[];
}

export function operationProperty({ option, defaultOperation, operations }: ResourceModule): INodeProperties {
  return {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    default: defaultOperation,
    displayOptions: { show: { resource: [String(option.value)] } },
    options: byName(operations.map((operation) => operation.option)),
  };
}

export function byName<T extends { name: string }>(options: T[]): T[] {
  return [...options].sort((a, b) => a.name.localeCompare(b.name));
}

/** The values of a resource's operations that read its shared Video ID parameter. */
export function videoIdOperations(operations: OperationModule[]): string[] {
  return operations.filter((operation) => operation.takesVideoId).map((operation) => String(operation.option.value));
}

export const TEMPLATE_RESOURCES: string[] = [...TEMPLATE_IDS];

/** Where a parameter shows: for these resources and operations. */
export function showFor(resource: string[], operation: string[]): IDisplayOptions {
  return { show: { resource, operation } };
}

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
    displayOptions: showFor(resources, operations),
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

/** A list answer as one item per entry (the router pairs each with the input item). */
export function toItems(values: readonly unknown[]): INodeExecutionData[] {
  return values.map((value) => ({ json: (isPlainObject(value) ? value : { value }) as IDataObject }));
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
