import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { apiClient } from '../../transport';
import { type OperationModule, showFor } from '../shared';
import { resource, uploadTargetProperties, uploadTarget } from './common';

export const importVideoUrl: OperationModule = {
  option: {
    name: 'Import Video URL',
    value: 'importVideoUrl',
    description: 'Import a clip from a direct HTTPS file URL',
    action: 'Import a library video from a URL',
  },
  description: [
    {
      displayName: 'Video URL',
      name: 'videoUrl',
      type: 'string',
      required: true,
      default: '',
      placeholder: 'https://example.com/clip.mp4',
      description: 'Direct HTTPS link to an MP4, MOV, WebM or M4V file (not a social post or web page)',
      displayOptions: showFor(resource, ['importVideoUrl']),
    },
    ...uploadTargetProperties('importVideoUrl'),
  ],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const client = await apiClient(this, itemIndex);
    const url = String(this.getNodeParameter('videoUrl', itemIndex)).trim();
    const result = await client.importLibraryVideoUrl({ url, ...uploadTarget(this, itemIndex) });
    return [{ json: result as IDataObject }];
  },
};
