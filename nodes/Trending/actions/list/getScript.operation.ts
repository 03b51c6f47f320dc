import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { apiClient } from '../../transport';
import { readVideoId, type OperationModule } from '../shared';

export const getScript: OperationModule = {
  option: {
    name: 'Get Script',
    value: 'getScript',
    description: 'Read the editable List script (intro, lines, CTAs) and its ETag',
    action: 'Get a list script',
  },
  takesVideoId: true,
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const client = await apiClient(this, itemIndex);
    const result = await client.getListScript(readVideoId(this, itemIndex));
    return [
      {
        json: { script: result.script, etag: result.etag ?? null, request_id: result.requestId ?? null } as IDataObject,
      },
    ];
  },
};
