import type { IExecuteFunctions } from 'n8n-workflow';
import { apiClient } from '../../transport';
import { readVideoId, type OperationModule } from '../shared';
import { single } from './common';

export const getOutro: OperationModule = {
  option: {
    name: 'Get Outro',
    value: 'getOutro',
    description: 'Read the outro line, speaker, reference slide and image state of a Story',
    action: 'Get a story outro',
  },
  takesVideoId: true,
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    return single(await client.getOutro(readVideoId(this, itemIndex)));
  },
};
