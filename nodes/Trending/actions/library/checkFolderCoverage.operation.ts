import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { findField, optionLabel, TEMPLATES, type CoverageInput } from '../../core';
import { apiClient } from '../../transport';
import { type OperationModule, showFor } from '../shared';
import { resource, folderProperty, coverageTemplates } from './common';

export const checkFolderCoverage: OperationModule = {
  option: {
    name: 'Check Folder Coverage',
    value: 'checkFolderCoverage',
    description: 'Check whether a folder has enough clips for a template before creating',
    action: 'Check library folder coverage',
  },
  description: [
    {
      displayName: 'Template',
      name: 'coverageTemplate',
      type: 'options',
      default: 'dmstory',
      options: coverageTemplates.map((id) => ({ name: TEMPLATES[id].label, value: id })),
      description: 'The template the folder would provide backgrounds for (Story does not use folders)',
      displayOptions: showFor(resource, ['checkFolderCoverage']),
    },
    folderProperty(['checkFolderCoverage']),
    {
      displayName: 'Coverage Options',
      name: 'coverageOptions',
      type: 'collection',
      placeholder: 'Add Option',
      default: {},
      displayOptions: showFor(resource, ['checkFolderCoverage']),
      options: [
        {
          displayName: 'Ranking Category Preset',
          name: 'ranking_category_preset',
          type: 'options',
          default: '',
          options: [
            { name: 'Not Set', value: '' },
            ...(findField('ranking', 'ranking.category_preset')?.options ?? []).map((value) => ({
              name: optionLabel(value),
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
    return [{ json: (await client.checkFolderCoverage(request)) as IDataObject }];
  },
};
