/**
 * Library: background folders, coverage preflight, and clip uploads (file or URL).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { findField, LIBRARY_TARGET_FIELDS, TEMPLATE_IDS, type UploadProfile } from '../../core';
import { helperFieldProperty } from '../../helpers/fieldProperty';
import { camelCase } from '../../helpers/fields';
import { showFor } from '../shared';

export const resource = ['library'];

export const folderProperty = (operations: string[], required = false): INodeProperties => ({
  displayName: 'Folder Name or ID',
  name: 'folderId',
  type: 'options',
  typeOptions: { loadOptionsMethod: 'getLibraryFolders' },
  default: '',
  required,
  description:
    'One of your Library folders. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
  displayOptions: showFor(resource, operations),
});

export const uploadTargetProperties = (operation: string): INodeProperties[] => [
  {
    displayName: 'Upload Options',
    name: 'uploadOptions',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    displayOptions: showFor(resource, [operation]),
    // Name, folder and upload profile (core's UPLOAD_PROFILES) as core's LIBRARY_TARGET_FIELDS describe them.
    options: LIBRARY_TARGET_FIELDS.map((field) => helperFieldProperty(field, camelCase(field.path))).sort((a, b) =>
      a.displayName.localeCompare(b.displayName),
    ),
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
