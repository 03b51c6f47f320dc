import type { IExecuteFunctions } from 'n8n-workflow';
import { apiClient } from '../../transport';
import { toItems, type OperationModule } from '../shared';

export const listReferenceImages: OperationModule = {
  option: {
    name: 'List Reference Images',
    value: 'listReferenceImages',
    description: 'List saved reference images (asset IDs and alias suggestions)',
    action: 'List story reference images',
  },
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    return toItems((await client.listReferenceImages()).items);
  },
};
