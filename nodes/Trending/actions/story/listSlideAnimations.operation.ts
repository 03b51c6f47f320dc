import type { IExecuteFunctions } from 'n8n-workflow';
import { apiClient } from '../../transport';
import { readVideoId, type OperationModule } from '../shared';
import { single } from './common';

export const listSlideAnimations: OperationModule = {
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    return single(await client.listSlideAnimations(readVideoId(this, itemIndex)), itemIndex);
  },
};
