import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { apiClient } from '../../transport';
import type { OperationModule } from '../shared';
import { read } from './common';

export const estimateCost: OperationModule = {
  option: {
    name: 'Estimate Cost',
    value: 'estimateCost',
    description: 'Quote the credits a create request would cost',
    action: 'Estimate the cost of a video',
  },
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const { template, body } = read(this, itemIndex);
    const client = await apiClient(this, itemIndex);
    const estimate = await client.estimateCost(template, body);
    return [{ json: estimate as unknown as IDataObject }];
  },
};
