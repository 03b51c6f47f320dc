import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { apiClient } from '../../transport';
import { binaryPropertyProperty, type OperationModule } from '../shared';
import { resource, uploadTargetProperties, uploadTarget } from './common';

export const uploadVideo: OperationModule = {
  option: {
    name: 'Upload Video',
    value: 'uploadVideo',
    description: 'Upload a clip (MP4/MOV/WebM/M4V, max 200 MB) from a binary field',
    action: 'Upload a library video',
  },
  description: [
    {
      ...binaryPropertyProperty({ resource, operation: ['uploadVideo'] }, 'Name of the binary field holding the clip'),
      displayName: 'Input Binary Field',
      hint: 'The name of the input binary field containing the MP4, MOV, WebM or M4V clip (max 200 MB)',
    },
    ...uploadTargetProperties('uploadVideo'),
  ],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const client = await apiClient(this, itemIndex);
    const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
    const binary = this.helpers.assertBinaryData(itemIndex, property);
    const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
    const result = await client.uploadLibraryVideo(
      {
        data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
        fileName: binary.fileName ?? `clip.${(binary.fileExtension ?? 'mp4').toLowerCase()}`,
        mimeType: binary.mimeType,
        ...uploadTarget(this, itemIndex),
      },
      { timeoutMs: 10 * 60 * 1000, signal: this.getExecutionCancelSignal() },
    );
    return [{ json: result as IDataObject }];
  },
};
