import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { JsonObject } from '../../core';
import { jsonObjectParameter } from '../../helpers/parameters';
import { apiClient } from '../../transport';
import { readVideoId, type OperationModule } from '../shared';
import { resource, on } from './common';

export const updateScript: OperationModule = {
  description: [
    {
      displayName: 'Script (JSON)',
      name: 'script',
      type: 'json',
      required: true,
      default: '{}',
      description:
        'The edited script: intro, the full ordered lines, CTA settings. Start from the output of Get Script (its `script` field).',
      displayOptions: on('updateScript'),
    },
    {
      displayName: 'Conflict Check',
      name: 'conflictCheck',
      type: 'options',
      default: 'etag',
      options: [
        {
          name: 'ETag (If-Match)',
          value: 'etag',
          description: 'Send the ETag from Get Script; the save fails if anyone changed the script since',
        },
        {
          name: 'Expected Updated At',
          value: 'updatedAt',
          description: 'Send script.updated_at from Get Script as expected_updated_at',
        },
        { name: 'None (Overwrite)', value: 'none', description: 'Save whatever the script is now' },
      ],
      displayOptions: on('updateScript'),
    },
    {
      displayName: 'ETag',
      name: 'etag',
      type: 'string',
      required: true,
      default: '',
      placeholder: '={{ $json.etag }}',
      description: 'The etag output of Get Script',
      displayOptions: { show: { resource, operation: ['updateScript'], conflictCheck: ['etag'] } },
    },
    {
      displayName: 'Expected Updated At',
      name: 'expectedUpdatedAt',
      type: 'string',
      required: true,
      default: '',
      placeholder: '={{ $json.script.updated_at }}',
      description: 'The script.updated_at output of Get Script',
      displayOptions: { show: { resource, operation: ['updateScript'], conflictCheck: ['updatedAt'] } },
    },
    {
      displayName: 'Reset Audio',
      name: 'resetAudio',
      type: 'boolean',
      default: false,
      description:
        'Whether to discard narration that is already attached (required to edit such a script; the narration is then regenerated)',
      displayOptions: on('updateScript'),
    },
    {
      displayName: 'Method',
      name: 'method',
      type: 'options',
      default: 'PUT',
      options: [
        { name: 'PUT', value: 'PUT' },
        { name: 'PATCH', value: 'PATCH' },
      ],
      description: 'The reference accepts either; both save the full ordered script',
      displayOptions: on('updateScript'),
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const client = await apiClient(this, itemIndex);
    const script = jsonObjectParameter(this, 'script', 'Script (JSON)', itemIndex);
    const body: JsonObject = { ...((script.script as JsonObject | undefined) ?? script) };
    const check = this.getNodeParameter('conflictCheck', itemIndex) as string;
    let ifMatch: string | undefined;
    if (check === 'etag') {
      ifMatch = String(this.getNodeParameter('etag', itemIndex, '')).trim();
      if (!ifMatch) {
        throw new NodeOperationError(this.getNode(), 'ETag is empty', {
          itemIndex,
          description: 'Run Get Script first and pass its etag, or choose another Conflict Check.',
        });
      }
    } else if (check === 'updatedAt') {
      body.expected_updated_at = String(this.getNodeParameter('expectedUpdatedAt', itemIndex, '')).trim();
    }
    if (this.getNodeParameter('resetAudio', itemIndex, false) as boolean) body.reset_audio = true;
    const method = this.getNodeParameter('method', itemIndex, 'PUT') as 'PUT' | 'PATCH';
    const result = await client.updateListScript(readVideoId(this, itemIndex), body, { ifMatch, method });
    return [
      {
        json: { script: result.script, etag: result.etag ?? null, request_id: result.requestId ?? null } as IDataObject,
        pairedItem: { item: itemIndex },
      },
    ];
  },
};
