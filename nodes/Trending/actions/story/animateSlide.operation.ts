import type { IExecuteFunctions } from 'n8n-workflow';

import { guardSlideAnimationSpend } from '../../core';
import { jsonObjectParameter } from '../../helpers/parameters';
import { apiClient } from '../../transport';
import { readVideoId, type OperationModule, showFor } from '../shared';
import { resource, single, slideIndexProperty } from './common';

export const animateSlide: OperationModule = {
  option: {
    name: 'Animate Slide',
    value: 'animateSlide',
    description: 'Animate one slide of a Story (10 credits per second; lip-synced by default)',
    action: 'Animate a story slide',
  },
  takesVideoId: true,
  description: [
    {
      displayName:
        'Animating a slide costs 10 credits per second of that slide. The node reads the estimate from List Slide Animations first and animates only within Max Credits.',
      name: 'animateNotice',
      type: 'notice',
      default: '',
      displayOptions: showFor(resource, ['animateSlide']),
    },
    slideIndexProperty('animateSlide'),
    {
      displayName: 'Max Credits',
      name: 'maxCredits',
      type: 'number',
      typeOptions: { minValue: 0 },
      required: true,
      // 0 approves nothing: the reference asks for explicit approval of each slide's estimate before animating.
      default: 0,
      description:
        "The most credits you approve for animating this slide. Above the slide's estimate (List Slide Animations) the item stops with the estimate and nothing is animated.",
      displayOptions: showFor(resource, ['animateSlide']),
    },
    {
      displayName: 'Additional Body (JSON)',
      name: 'additionalBody',
      type: 'json',
      default: '{}',
      description: 'Extra request fields as JSON (for example to turn narration lip-sync off)',
      displayOptions: showFor(resource, ['animateSlide']),
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    const extra = jsonObjectParameter(this, 'additionalBody', 'Additional Body (JSON)', itemIndex);
    const slideIndex = this.getNodeParameter('slideIndex', itemIndex) as number;
    const maxCredits = this.getNodeParameter('maxCredits', itemIndex, 0) as number;
    const videoId = readVideoId(this, itemIndex);
    const signal = this.getExecutionCancelSignal();
    const quote = guardSlideAnimationSpend(
      await client.listSlideAnimations(videoId, { signal }),
      slideIndex,
      maxCredits,
    );
    const result = await client.animateSlide(videoId, { ...extra, slide_index: slideIndex }, { signal });
    // Under its own key, so no field of Trending's answer is overwritten.
    const spendCheck = { estimated_credits: quote.credits, max_credits: quote.maxCredits };
    return single({ ...result, spend_check: spendCheck });
  },
};
