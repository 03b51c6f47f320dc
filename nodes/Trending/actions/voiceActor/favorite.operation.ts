import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { TEMPLATES, TEMPLATE_IDS } from '../../core';
import { apiClient } from '../../transport';
import type { OperationModule } from '../shared';
import { resource } from './common';

export const favorite: OperationModule = {
  option: {
    name: 'Favorite',
    value: 'favorite',
    description: 'Favorite or unfavorite a voice, for all narrated templates or one',
    action: 'Favorite a voice actor',
  },
  description: [
    {
      displayName: 'Voice Actor Name or ID',
      name: 'voiceActorId',
      type: 'options',
      typeOptions: { loadOptionsMethod: 'getVoiceActors' },
      required: true,
      default: '',
      description:
        'The voice to (un)favorite. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
      displayOptions: { show: { resource, operation: ['favorite'] } },
    },
    {
      displayName: 'Favorite',
      name: 'favorite',
      type: 'boolean',
      default: true,
      description:
        'Whether to mark the voice as a favorite (off removes it). Favorites are picked automatically when a request names no voice.',
      displayOptions: { show: { resource, operation: ['favorite'] } },
    },
    {
      displayName: 'For Template',
      name: 'favoriteTemplate',
      type: 'options',
      default: '',
      options: [
        { name: 'All Templates', value: '' },
        ...TEMPLATE_IDS.filter((id) => TEMPLATES[id].narrated).map((id) => ({ name: TEMPLATES[id].label, value: id })),
      ],
      description: 'Favorite the voice for one narrated template only, or for all',
      displayOptions: { show: { resource, operation: ['favorite'] } },
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const client = await apiClient(this, itemIndex);
    const voiceActorId = String(this.getNodeParameter('voiceActorId', itemIndex));
    const template = this.getNodeParameter('favoriteTemplate', itemIndex, '') as string;
    const result = await client.favoriteVoiceActor(voiceActorId, {
      favorite: this.getNodeParameter('favorite', itemIndex) as boolean,
      ...(template ? { template } : {}),
    });
    return [{ json: result as IDataObject }];
  },
};
