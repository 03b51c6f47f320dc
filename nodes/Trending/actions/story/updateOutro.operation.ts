import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { OUTRO_UPDATE_FIELDS, type OutroUpdate } from '../../core';
import { helperFieldProperty } from '../../helpers/fieldProperty';
import { apiClient } from '../../transport';
import { readVideoId, type OperationModule, showFor } from '../shared';
import { resource, single } from './common';

/** What a setting starts at once added: adding Enabled is usually to turn the outro on; auto picks the speaker. */
const OUTRO_DEFAULTS: Record<string, Partial<INodeProperties>> = {
  enabled: { default: true },
  speaker: { default: 'auto' },
};

export const updateOutro: OperationModule = {
  option: {
    name: 'Update Outro',
    value: 'updateOutro',
    description: 'Change the outro line, speaker, image prompt or attachments of a Story',
    action: 'Update a story outro',
  },
  takesVideoId: true,
  description: [
    {
      displayName: 'Outro Settings',
      name: 'outro',
      type: 'collection',
      placeholder: 'Add Setting',
      default: {},
      displayOptions: showFor(resource, ['updateOutro']),
      // Every setting, its limits and its help come from core's OUTRO_UPDATE_FIELDS; only the UI defaults are ours.
      options: OUTRO_UPDATE_FIELDS.map((field) => ({
        ...helperFieldProperty(field, field.path),
        ...OUTRO_DEFAULTS[field.path],
      })).sort((a, b) => a.displayName.localeCompare(b.displayName)),
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    const settings = this.getNodeParameter('outro', itemIndex, {}) as IDataObject;
    const body: OutroUpdate = { ...settings } as OutroUpdate;
    if (Array.isArray(settings.attachment_asset_ids)) {
      body.attachment_asset_ids = (settings.attachment_asset_ids as unknown[]).map(Number);
    }
    return single(await client.updateOutro(readVideoId(this, itemIndex), body));
  },
};
