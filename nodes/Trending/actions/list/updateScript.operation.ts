import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { JsonObject } from '../../core';
import { jsonObjectParameter } from '../../helpers/parameters';
import { apiClient } from '../../transport';
import { readVideoId, type OperationModule, showFor } from '../shared';
import { resource } from './common';

export const updateScript: OperationModule = {
  option: {
    name: 'Update Script',
    value: 'updateScript',
    description: 'Save an edited List script, refusing if someone else changed it since it was read',
    action: 'Update a list script',
  },
  takesVideoId: true,
  description: [
    {
      displayName: 'Script (JSON)',
      name: 'script',
      type: 'json',
      required: true,
      default: '{}',
      description:
        'The edited script: intro, the full ordered lines, CTA settings. Start from the output of Get Script (its `script` field).',
      displayOptions: showFor(resource, ['updateScript']),
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
        {
          name: 'None (Overwrite)',
          value: 'none',
          description: 'Save your edits over the script as it is now (checked only against changes made while saving)',
        },
      ],
      displayOptions: showFor(resource, ['updateScript']),
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
      displayOptions: showFor(resource, ['updateScript']),
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
      displayOptions: showFor(resource, ['updateScript']),
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const client = await apiClient(this, itemIndex);
    const script = jsonObjectParameter(this, 'script', 'Script (JSON)', itemIndex);
    const edits: JsonObject = { ...((script.script as JsonObject | undefined) ?? script) };
    const check = this.getNodeParameter('conflictCheck', itemIndex) as string;
    let ifMatch: string | undefined;
    let expectedUpdatedAt: string | undefined;
    if (check === 'etag') {
      ifMatch = requiredText(this, itemIndex, 'etag', 'ETag', 'pass its etag');
    } else if (check === 'updatedAt') {
      expectedUpdatedAt = requiredText(
        this,
        itemIndex,
        'expectedUpdatedAt',
        'Expected Updated At',
        'pass its script.updated_at',
      );
    }
    // PUT and PATCH both "save full ordered script edits": core reads the script and writes it whole with the edits
    // over it, locked to the user's ETag or Expected Updated At, else to the version it just read.
    const result = await client.editListScript(readVideoId(this, itemIndex), edits, {
      method: this.getNodeParameter('method', itemIndex, 'PUT') as 'PUT' | 'PATCH',
      ifMatch,
      expectedUpdatedAt,
      resetAudio: this.getNodeParameter('resetAudio', itemIndex, false) as boolean,
      signal: this.getExecutionCancelSignal(),
    });
    return [
      {
        json: { script: result.script, etag: result.etag ?? null, request_id: result.requestId ?? null } as IDataObject,
      },
    ];
  },
};

function requiredText(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string, what: string): string {
  const value = String(ctx.getNodeParameter(name, itemIndex, '')).trim();
  if (value === '') {
    throw new NodeOperationError(ctx.getNode(), `${label} is empty`, {
      itemIndex,
      description: `Run Get Script first and ${what}, or choose another Conflict Check.`,
    });
  }
  return value;
}
