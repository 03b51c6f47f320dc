import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { apiClient } from '../../transport';
import { toItems, type OperationModule } from '../shared';

export const list: OperationModule = {
  option: {
    name: 'List',
    value: 'list',
    description: 'List narration voices with name, gender, age, accent and preview URL',
    action: 'List voice actors',
  },
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const client = await apiClient(this, itemIndex);
    return toItems((await client.listVoiceActors()).items);
  },
};
