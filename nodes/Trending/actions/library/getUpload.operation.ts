import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { apiClient } from '../../transport';
import { type OperationModule, showFor } from '../shared';
import { resource } from './common';

export const getUpload: OperationModule = {
  option: {
    name: 'Get Upload',
    value: 'getUpload',
    description: 'Get the processing status of an uploaded or imported clip',
    action: 'Get a library upload',
  },
  description: [
    {
      displayName: 'Asset ID',
      name: 'assetId',
      type: 'string',
      required: true,
      default: '',
      description: 'The asset ID returned by Upload Video or Import Video URL',
      displayOptions: showFor(resource, ['getUpload']),
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const client = await apiClient(this, itemIndex);
    const assetId = String(this.getNodeParameter('assetId', itemIndex)).trim();
    return [{ json: (await client.getLibraryUpload(assetId)) as IDataObject }];
  },
};
