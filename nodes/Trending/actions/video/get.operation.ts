import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { TemplateId } from '../../core';
import { downloadRender } from '../../helpers/download';
import { statusJson } from '../../helpers/output';
import { apiClient } from '../../transport';
import {
  TEMPLATE_RESOURCES,
  binaryPropertyProperty,
  readVideoId,
  videoIdProperty,
  type OperationOption,
} from '../shared';

const show = { resource: TEMPLATE_RESOURCES, operation: ['get'] };

export function option(label: string): OperationOption {
  return {
    name: 'Get',
    value: 'get',
    description: `Get the status, progress, ETA and render URL of a ${label} video`,
    action: `Get a ${label.toLowerCase()} video`,
  };
}

export const description: INodeProperties[] = [
  videoIdProperty(TEMPLATE_RESOURCES, ['get']),
  {
    displayName: 'Download Video',
    name: 'download',
    type: 'boolean',
    default: false,
    description:
      'Whether to download the rendered MP4 into a binary field. The video must have completed with a render; the short-lived render URL is taken from this fresh status and fetched without your API key.',
    displayOptions: { show },
  },
  binaryPropertyProperty({ ...show, download: [true] }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
  const template = this.getNodeParameter('resource', itemIndex) as TemplateId;
  const videoId = readVideoId(this, itemIndex);
  const client = await apiClient(this, itemIndex);
  const status = await client.getVideo(template, videoId, { signal: this.getExecutionCancelSignal() });
  const item: INodeExecutionData = { json: statusJson(template, status) };
  if (this.getNodeParameter('download', itemIndex, false) as boolean) {
    const property = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
    item.binary = { [property]: await downloadRender(this, client, template, videoId) };
  }
  return [item];
}
