/**
 * Preflight: can this account create this request right now, and what will it cost.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readinessShortfall, type TemplateId } from '../../core';
import { jsonObjectParameter } from '../../helpers/common';
import { allTemplates } from '../../helpers/fields';
import { apiClient } from '../../transport';
import type { OperationModule } from '../shared';

const resource = ['account'];

const templateProperty: INodeProperties = {
  displayName: 'Template',
  name: 'template',
  type: 'options',
  default: 'story',
  options: allTemplates()
    .map((template) => ({ name: template.label, value: template.id, description: template.description }))
    .sort((a, b) => a.name.localeCompare(b.name)),
  description: 'The kind of video the request is for',
  displayOptions: { show: { resource } },
};

const requestProperty: INodeProperties = {
  displayName: 'Request (JSON)',
  name: 'request',
  type: 'json',
  default: '{\n  "preview_only": false\n}',
  description:
    'The create request to check, as JSON (the same fields as Create, e.g. {"script": {"images_requested": 12}}). Name and webhook settings do not matter here.',
  displayOptions: { show: { resource } },
};

function read(ctx: IExecuteFunctions, itemIndex: number): { template: TemplateId; body: IDataObject } {
  return {
    template: ctx.getNodeParameter('template', itemIndex) as TemplateId,
    body: jsonObjectParameter(ctx, 'request', 'Request (JSON)', itemIndex),
  };
}

export const checkReadiness: OperationModule = {
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const { template, body } = read(this, itemIndex);
    const client = await apiClient(this, itemIndex);
    const readiness = await client.checkReadiness(template, body);
    const shortfall = readinessShortfall(readiness);
    const json: IDataObject = {
      ...(readiness as IDataObject),
      ready: shortfall.ready,
      blocker: shortfall.reason ?? null,
      blocker_message: shortfall.message ?? null,
      credits_needed: shortfall.creditsNeeded ?? 0,
    };
    return [{ json, pairedItem: { item: itemIndex } }];
  },
};

export const estimateCost: OperationModule = {
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const { template, body } = read(this, itemIndex);
    const client = await apiClient(this, itemIndex);
    const estimate = await client.estimateCost(template, body);
    return [{ json: estimate as unknown as IDataObject, pairedItem: { item: itemIndex } }];
  },
};

export const accountOperations: Record<string, OperationModule> = { checkReadiness, estimateCost };
export const accountDescription: INodeProperties[] = [templateProperty, requestProperty];
