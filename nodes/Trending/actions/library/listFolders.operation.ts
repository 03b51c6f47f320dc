import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { apiClient } from '../../transport';
import { toItems, type OperationModule } from '../shared';

export const listFolders: OperationModule = {
  option: {
    name: 'List Folders',
    value: 'listFolders',
    description: 'List your Library folders with clip counts',
    action: 'List library folders',
  },
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const client = await apiClient(this, itemIndex);
    return toItems((await client.listLibraryFolders()).items);
  },
};
