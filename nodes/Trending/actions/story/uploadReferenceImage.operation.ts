import type { IExecuteFunctions } from 'n8n-workflow';
import { apiClient } from '../../transport';
import { binaryPropertyProperty, type OperationModule, showFor } from '../shared';
import { resource, flatUpload, single } from './common';

export const uploadReferenceImage: OperationModule = {
  option: {
    name: 'Upload Reference Image',
    value: 'uploadReferenceImage',
    description: 'Upload a jpg/png/webp (max 3 MB) or import it from a URL',
    action: 'Upload a story reference image',
  },
  description: [
    {
      displayName: 'Image Source',
      name: 'imageSource',
      type: 'options',
      default: 'binary',
      options: [
        {
          name: 'Binary File',
          value: 'binary',
          description: 'A jpg, png or webp file (max 3 MB) from an earlier node',
        },
        { name: 'URL', value: 'url', description: 'A direct HTTPS link to the image' },
      ],
      displayOptions: showFor(resource, ['uploadReferenceImage']),
    },
    {
      ...binaryPropertyProperty(
        { resource, operation: ['uploadReferenceImage'], imageSource: ['binary'] },
        'Name of the binary field holding the image',
      ),
      displayName: 'Input Binary Field',
      hint: 'The name of the input binary field containing the image',
    },
    {
      displayName: 'Image URL',
      name: 'sourceUrl',
      type: 'string',
      required: true,
      default: '',
      placeholder: 'https://example.com/logo.png',
      description: 'Direct HTTPS URL of a jpg, png or webp image',
      displayOptions: { show: { resource, operation: ['uploadReferenceImage'], imageSource: ['url'] } },
    },
    {
      displayName: 'Name',
      name: 'imageName',
      type: 'string',
      default: '',
      description: 'Optional name to find the image by later (its alias suggestion derives from it)',
      displayOptions: showFor(resource, ['uploadReferenceImage']),
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    const source = this.getNodeParameter('imageSource', itemIndex) as string;
    const name = (this.getNodeParameter('imageName', itemIndex, '') as string) || undefined;
    if (source === 'url') {
      const sourceUrl = String(this.getNodeParameter('sourceUrl', itemIndex)).trim();
      return single(flatUpload(await client.uploadReferenceImage({ sourceUrl, name })));
    }
    const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
    const binary = this.helpers.assertBinaryData(itemIndex, property);
    const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
    const result = await client.uploadReferenceImage({
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      fileName: binary.fileName ?? `reference.${(binary.fileExtension ?? 'png').toLowerCase()}`,
      mimeType: binary.mimeType,
      name,
    });
    return single(flatUpload(result));
  },
};
