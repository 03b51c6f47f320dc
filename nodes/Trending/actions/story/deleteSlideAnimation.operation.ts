import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { apiClient } from '../../transport';
import { readVideoId, type OperationModule } from '../shared';
import { single, slideIndexProperty } from './common';

export const deleteSlideAnimation: OperationModule = {
  option: {
    name: 'Delete Slide Animation',
    value: 'deleteSlideAnimation',
    description: 'Discard one slide animation and keep the still image',
    action: 'Delete a story slide animation',
  },
  takesVideoId: true,
  description: [slideIndexProperty('deleteSlideAnimation')],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    const slideIndex = this.getNodeParameter('slideIndex', itemIndex) as number;
    if (!Number.isInteger(slideIndex) || slideIndex < 0) {
      throw new NodeOperationError(this.getNode(), 'Slide Index must be a whole number, 0 or more', { itemIndex });
    }
    return single(await client.deleteSlideAnimation(readVideoId(this, itemIndex), slideIndex));
  },
};
