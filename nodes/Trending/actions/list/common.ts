/**
 * List script editing (Step 2): read, save with optimistic locking, and CTA suggestions.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { jsonObjectParameter } from '../../helpers/parameters';
import { apiClient } from '../../transport';
import { readVideoId, type OperationModule, showFor } from '../shared';

export const resource = ['list'];

export function ctaOperation(mode: 'suggest' | 'apply'): OperationModule {
  const operation = mode === 'suggest' ? 'suggestCtas' : 'applyCtas';
  return {
    option:
      mode === 'suggest'
        ? {
            name: 'Suggest CTAs',
            value: operation,
            description: 'Suggest call-to-action lines for a List script without saving them',
            action: 'Suggest CTAs for a list script',
          }
        : {
            name: 'Apply CTAs',
            value: operation,
            description: 'Add call-to-action lines to a List script',
            action: 'Apply CTAs to a list script',
          },
    takesVideoId: true,
    description: [
      {
        displayName: 'Replace Existing',
        name: 'replaceExisting',
        type: 'boolean',
        default: false,
        description: 'Whether new CTA lines replace the ones the script already has',
        displayOptions: showFor(resource, [operation]),
      },
      {
        displayName: 'Additional Body (JSON)',
        name: 'ctaOptions',
        type: 'json',
        default: '{}',
        description: 'Placement and other CTA options as JSON, sent as they are',
        displayOptions: showFor(resource, [operation]),
      },
    ],
    async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
      const client = await apiClient(this, itemIndex);
      const extra = jsonObjectParameter(this, 'ctaOptions', 'Additional Body (JSON)', itemIndex);
      const replace = this.getNodeParameter('replaceExisting', itemIndex, false) as boolean;
      const result = await client.listScriptCtas(readVideoId(this, itemIndex), {
        ...extra,
        mode,
        ...(replace ? { replace_existing: true } : {}),
      });
      return [{ json: result as IDataObject }];
    },
  };
}
