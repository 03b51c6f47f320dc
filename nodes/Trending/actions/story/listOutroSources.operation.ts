import type { IExecuteFunctions } from 'n8n-workflow';
import { apiClient } from '../../transport';
import { toItems, type OperationModule } from '../shared';

export const listOutroSources: OperationModule = {
  option: {
    name: 'List Outro Sources',
    value: 'listOutroSources',
    description: 'List saved outros that can be reused on create',
    action: 'List story outro sources',
  },
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    return toItems((await client.listOutroSources()).items);
  },
};
