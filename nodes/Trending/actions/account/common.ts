/**
 * Preflight: can this account create this request right now, and what will it cost.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { type TemplateId } from '../../core';
import { jsonObjectParameter } from '../../helpers/parameters';
import { templateOptions } from '../../helpers/fields';

export const resource = ['account'];

export const templateProperty: INodeProperties = {
  displayName: 'Template',
  name: 'template',
  type: 'options',
  default: 'story',
  options: templateOptions(),
  description: 'The kind of video the request is for',
  displayOptions: { show: { resource } },
};

export const requestProperty: INodeProperties = {
  displayName: 'Request (JSON)',
  name: 'request',
  type: 'json',
  default: '{\n  "preview_only": false\n}',
  description:
    'The create request to check, as JSON (the same fields as Create, e.g. {"script": {"images_requested": 12}}). Name and webhook settings do not matter here.',
  displayOptions: { show: { resource } },
};

export function read(ctx: IExecuteFunctions, itemIndex: number): { template: TemplateId; body: IDataObject } {
  return {
    template: ctx.getNodeParameter('template', itemIndex) as TemplateId,
    body: jsonObjectParameter(ctx, 'request', 'Request (JSON)', itemIndex),
  };
}
