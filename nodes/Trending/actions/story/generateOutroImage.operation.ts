import type { IExecuteFunctions } from 'n8n-workflow';
import { apiClient } from '../../transport';
import { readVideoId, type OperationModule, showFor } from '../shared';
import { resource, single } from './common';

export const generateOutroImage: OperationModule = {
  option: {
    name: 'Generate Outro Image',
    value: 'generateOutroImage',
    description: 'Generate the outro image from the current outro settings (charges credits)',
    action: 'Generate a story outro image',
  },
  takesVideoId: true,
  description: [
    {
      displayName: 'This generates an image and charges credits each time it runs',
      name: 'outroImageNotice',
      type: 'notice',
      default: '',
      displayOptions: showFor(resource, ['generateOutroImage']),
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    return single(await client.generateOutroImage(readVideoId(this, itemIndex)));
  },
};
