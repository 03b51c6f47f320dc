import type { IExecuteFunctions } from 'n8n-workflow';
import { apiClient } from '../../transport';
import { toItems, type OperationModule } from '../shared';

export const listCharacterSources: OperationModule = {
  option: {
    name: 'List Character Sources',
    value: 'listCharacterSources',
    description: 'List past Story videos whose characters can be reused',
    action: 'List story character sources',
  },
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    return toItems((await client.listCharacterSources()).items);
  },
};
