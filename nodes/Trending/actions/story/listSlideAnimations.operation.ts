import type { IExecuteFunctions } from 'n8n-workflow';
import { apiClient } from '../../transport';
import { readVideoId, type OperationModule } from '../shared';
import { single } from './common';

export const listSlideAnimations: OperationModule = {
  option: {
    name: 'List Slide Animations',
    value: 'listSlideAnimations',
    description: 'List per-slide animation options, status and credit estimates',
    action: 'List story slide animations',
  },
  takesVideoId: true,
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    return single(await client.listSlideAnimations(readVideoId(this, itemIndex)));
  },
};
