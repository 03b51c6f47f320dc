import type { IExecuteFunctions } from 'n8n-workflow';
import { toItems } from '../../helpers/common';
import { apiClient } from '../../transport';
import { type OperationModule } from '../shared';

export const listCharacterSources: OperationModule = {
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    return toItems((await client.listCharacterSources()).items, itemIndex);
  },
};
