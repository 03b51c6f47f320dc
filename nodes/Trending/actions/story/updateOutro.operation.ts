import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { OutroUpdate } from '../../core';
import { apiClient } from '../../transport';
import { readVideoId, type OperationModule } from '../shared';
import { on, single } from './common';

export const updateOutro: OperationModule = {
  description: [
    {
      displayName: 'Outro Settings',
      name: 'outro',
      type: 'collection',
      placeholder: 'Add Setting',
      default: {},
      displayOptions: on('updateOutro'),
      options: [
        {
          displayName: 'Attachment Names or IDs',
          name: 'attachment_asset_ids',
          type: 'multiOptions',
          typeOptions: { loadOptionsMethod: 'getReferenceImages' },
          default: [],
          description:
            'Up to 4 saved Story reference images to attach to the outro image. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
        },
        {
          displayName: 'Enabled',
          name: 'enabled',
          type: 'boolean',
          default: true,
          description: 'Whether the story has an outro',
        },
        {
          displayName: 'Image Prompt',
          name: 'image_prompt',
          type: 'string',
          default: '',
          description: 'What the outro image should show',
        },
        {
          displayName: 'Reference Slide Index',
          name: 'reference_slide_index',
          type: 'number',
          typeOptions: { minValue: 0, numberPrecision: 0 },
          default: 0,
          description: 'Which slide (0-based) the outro image takes its look from',
        },
        {
          displayName: 'Speaker',
          name: 'speaker',
          type: 'string',
          default: 'auto',
          description: 'Who says the outro line: a character name (max 120 characters) or auto',
        },
        {
          displayName: 'Text',
          name: 'text',
          type: 'string',
          typeOptions: { rows: 3 },
          default: '',
          description: 'The outro line (max 900 characters)',
        },
      ],
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    const settings = this.getNodeParameter('outro', itemIndex, {}) as IDataObject;
    const body: OutroUpdate = { ...settings } as OutroUpdate;
    if (Array.isArray(settings.attachment_asset_ids)) {
      body.attachment_asset_ids = (settings.attachment_asset_ids as unknown[]).map(Number);
    }
    return single(await client.updateOutro(readVideoId(this, itemIndex), body), itemIndex);
  },
};
