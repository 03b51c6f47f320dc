/**
 * Library: background folders, coverage preflight, and clip uploads (file or URL).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { findField, TEMPLATES, TEMPLATE_IDS, type CoverageInput, type UploadProfile } from '../../core';
import { toItems } from '../../helpers/common';
import { humanize } from '../../helpers/fields';
import { apiClient } from '../../transport';
import { binaryPropertyProperty, type OperationModule } from '../shared';

const resource = ['library'];
const on = (operations: string[]) => ({ show: { resource, operation: operations } });

const folderProperty = (operations: string[], required = false): INodeProperties => ({
  displayName: 'Folder Name or ID',
  name: 'folderId',
  type: 'options',
  typeOptions: { loadOptionsMethod: 'getLibraryFolders' },
  default: '',
  required,
  description:
    'One of your Library folders. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
  displayOptions: on(operations),
});

const uploadTargetProperties = (operation: string): INodeProperties[] => [
  {
    displayName: 'Upload Options',
    name: 'uploadOptions',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    displayOptions: on([operation]),
    options: [
      {
        displayName: 'Folder Name or ID',
        name: 'folderId',
        type: 'options',
        typeOptions: { loadOptionsMethod: 'getLibraryFolders' },
        default: '',
        description:
          'Add the clip to this folder. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
      },
      {
        displayName: 'Name',
        name: 'name',
        type: 'string',
        default: '',
        description: 'Name of the clip in your Library',
      },
      {
        displayName: 'Upload Profile',
        name: 'uploadProfile',
        type: 'options',
        default: 'background',
        options: [
          { name: 'Background', value: 'background' },
          { name: 'Ranking', value: 'ranking' },
        ],
        description: 'What the clip is for: backgrounds of narrated templates, or ranking clips',
      },
    ],
  },
];

function uploadTarget(ctx: IExecuteFunctions, itemIndex: number) {
  const options = ctx.getNodeParameter('uploadOptions', itemIndex, {}) as IDataObject;
  return {
    name: (options.name as string) || undefined,
    folderId: options.folderId === undefined || options.folderId === '' ? undefined : Number(options.folderId),
    uploadProfile: (options.uploadProfile as UploadProfile | undefined) || undefined,
  };
}

export const listFolders: OperationModule = {
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const client = await apiClient(this, itemIndex);
    return toItems((await client.listLibraryFolders()).items, itemIndex);
  },
};

const coverageTemplates = TEMPLATE_IDS.filter((id) => findField(id, 'background.folder_id') !== undefined);

export const checkFolderCoverage: OperationModule = {
  description: [
    {
      displayName: 'Template',
      name: 'coverageTemplate',
      type: 'options',
      default: 'dmstory',
      options: coverageTemplates.map((id) => ({ name: TEMPLATES[id].label, value: id })),
      description: 'The template the folder would provide backgrounds for (Story does not use folders)',
      displayOptions: on(['checkFolderCoverage']),
    },
    folderProperty(['checkFolderCoverage']),
    {
      displayName: 'Coverage Options',
      name: 'coverageOptions',
      type: 'collection',
      placeholder: 'Add Option',
      default: {},
      displayOptions: on(['checkFolderCoverage']),
      options: [
        {
          displayName: 'Ranking Category Preset',
          name: 'ranking_category_preset',
          type: 'options',
          default: '',
          options: [
            { name: 'Not Set', value: '' },
            ...(findField('ranking', 'ranking.category_preset')?.options ?? []).map((value) => ({
              name: humanize(value),
              value,
            })),
          ],
          description: 'For Ranking: the category whose clips would fill in',
        },
        {
          displayName: 'Required Count',
          name: 'required_count',
          type: 'number',
          typeOptions: { minValue: 0, numberPrecision: 0 },
          default: 0,
          description: 'How many clips the video needs',
        },
        {
          displayName: 'Required Total Duration (Seconds)',
          name: 'required_total_duration_seconds',
          type: 'number',
          typeOptions: { minValue: 0 },
          default: 0,
          description: 'How many seconds of footage the video needs',
        },
      ],
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const client = await apiClient(this, itemIndex);
    const folderId = this.getNodeParameter('folderId', itemIndex, '') as string | number;
    const options = this.getNodeParameter('coverageOptions', itemIndex, {}) as IDataObject;
    const request: CoverageInput = { template: this.getNodeParameter('coverageTemplate', itemIndex) as string };
    if (folderId !== '' && folderId !== undefined) request.folder_id = Number(folderId);
    for (const [key, value] of Object.entries(options)) {
      if (value !== '' && value !== undefined) (request as unknown as IDataObject)[key] = value;
    }
    return [{ json: (await client.checkFolderCoverage(request)) as IDataObject, pairedItem: { item: itemIndex } }];
  },
};

export const uploadVideo: OperationModule = {
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
    return [{ json: result as IDataObject, pairedItem: { item: itemIndex } }];
  },
};

export const importVideoUrl: OperationModule = {
  description: [
    {
      displayName: 'Video URL',
      name: 'videoUrl',
      type: 'string',
      required: true,
      default: '',
      placeholder: 'https://example.com/clip.mp4',
      description: 'Direct HTTPS link to an MP4, MOV, WebM or M4V file (not a social post or web page)',
      displayOptions: on(['importVideoUrl']),
    },
    ...uploadTargetProperties('importVideoUrl'),
  ],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const client = await apiClient(this, itemIndex);
    const url = String(this.getNodeParameter('videoUrl', itemIndex)).trim();
    const result = await client.importLibraryVideoUrl({ url, ...uploadTarget(this, itemIndex) });
    return [{ json: result as IDataObject, pairedItem: { item: itemIndex } }];
  },
};

export const getUpload: OperationModule = {
  description: [
    {
      displayName: 'Asset ID',
      name: 'assetId',
      type: 'string',
      required: true,
      default: '',
      description: 'The asset ID returned by Upload Video or Import Video URL',
      displayOptions: on(['getUpload']),
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const client = await apiClient(this, itemIndex);
    const assetId = String(this.getNodeParameter('assetId', itemIndex)).trim();
    return [{ json: (await client.getLibraryUpload(assetId)) as IDataObject, pairedItem: { item: itemIndex } }];
  },
};

export const libraryOperations: Record<string, OperationModule> = {
  listFolders,
  checkFolderCoverage,
  uploadVideo,
  importVideoUrl,
  getUpload,
};
export const libraryDescription: INodeProperties[] = Object.values(libraryOperations).flatMap((o) => o.description);
