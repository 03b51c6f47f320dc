/**
 * Story helper endpoints: reusable characters, reference images, outros and per-slide animations.
 */
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { showFor } from '../shared';

export const resource = ['story'];

/** The upload answer carries the asset either at the top or under `reference_image`: output it flat. */
export function flatUpload(result: unknown): IDataObject {
  const { reference_image: nested, ...rest } = result as IDataObject;
  return { ...rest, ...((nested as IDataObject | undefined) ?? {}) };
}

/** One answer as one item (the router pairs it with the input item). */
export function single(json: unknown): INodeExecutionData[] {
  return [{ json: json as IDataObject }];
}

export const slideIndexProperty = (operation: string): INodeProperties => ({
  displayName: 'Slide Index',
  name: 'slideIndex',
  type: 'number',
  typeOptions: { minValue: 0, numberPrecision: 0 },
  required: true,
  default: 0,
  description: 'Which slide (0-based, as listed by List Slide Animations)',
  displayOptions: showFor(resource, [operation]),
});
