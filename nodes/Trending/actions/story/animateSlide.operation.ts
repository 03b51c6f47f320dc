import type { IExecuteFunctions } from 'n8n-workflow';
import { jsonObjectParameter } from '../../helpers/parameters';
import { apiClient } from '../../transport';
import { readVideoId, type OperationModule } from '../shared';
import { on, single, slideIndexProperty } from './common';

export const animateSlide: OperationModule = {
  description: [
    {
      displayName:
        'Animating a slide costs 10 credits per second of that slide. Check the estimate with List Slide Animations first.',
      name: 'animateNotice',
      type: 'notice',
      default: '',
      displayOptions: on('animateSlide'),
    },
    slideIndexProperty('animateSlide'),
    {
      displayName: 'Additional Body (JSON)',
      name: 'additionalBody',
      type: 'json',
      default: '{}',
      description: 'Extra request fields as JSON (for example to turn narration lip-sync off)',
      displayOptions: on('animateSlide'),
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    const extra = jsonObjectParameter(this, 'additionalBody', 'Additional Body (JSON)', itemIndex);
    const slideIndex = this.getNodeParameter('slideIndex', itemIndex) as number;
    return single(
      await client.animateSlide(readVideoId(this, itemIndex), { ...extra, slide_index: slideIndex }),
      itemIndex,
    );
  },
};
