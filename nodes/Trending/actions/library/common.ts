/**
 * Library: background folders, coverage preflight, and clip uploads (file or URL).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { findField, TEMPLATE_IDS, type UploadProfile } from '../../core';

export const resource = ['library'];

export const on = (operations: string[]) => ({ show: { resource, operation: operations } });

export const folderProperty = (operations: string[], required = false): INodeProperties => ({
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

export const uploadTargetProperties = (operation: string): INodeProperties[] => [
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

export function uploadTarget(ctx: IExecuteFunctions, itemIndex: number) {
  const options = ctx.getNodeParameter('uploadOptions', itemIndex, {}) as IDataObject;
  return {
    name: (options.name as string) || undefined,
    folderId: options.folderId === undefined || options.folderId === '' ? undefined : Number(options.folderId),
    uploadProfile: (options.uploadProfile as UploadProfile | undefined) || undefined,
  };
}

export const coverageTemplates = TEMPLATE_IDS.filter((id) => findField(id, 'background.folder_id') !== undefined);
